import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobCatalog, type JobName, type JobNamesOf, type JobPayload, type QueueName } from './job-catalog.ts';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export interface QueueSettings {
  connection: Redis;
  prefix: string;
  sendRetry: RetryPolicy;
}

/**
 * Options every job of `name` is added with. Completed jobs are dropped; failed ones are kept two weeks
 * for inspection (the database, not the failed set, is what dead-letter re-drive works from).
 */
export function jobOptions(name: JobName, settings: QueueSettings): JobsOptions {
  const retry = jobCatalog[name].retry === 'send' ? settings.sendRetry : { attempts: 1, backoffMs: 0 };
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs, jitter: 0.2 },
    removeOnComplete: true,
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** A typed producer for one queue. Any process may enqueue; a job id makes an add idempotent. */
export function createProducer<Q extends QueueName>(queueName: Q, settings: QueueSettings) {
  const queue = new Queue(queueName, { connection: settings.connection, prefix: settings.prefix });
  return {
    queue,
    add<N extends JobNamesOf<Q>>(name: N, payload: JobPayload<N>, jobId?: string): Promise<Job> {
      return queue.add(name, payload, { ...jobOptions(name, settings), ...(jobId ? { jobId } : {}) });
    },
    /** Several jobs of one name in one Redis round trip (BullMQ's addBulk). */
    addMany<N extends JobNamesOf<Q>>(
      name: N,
      jobs: { payload: JobPayload<N>; jobId: string }[],
    ): Promise<Job[]> {
      const options = jobOptions(name, settings);
      return queue.addBulk(
        jobs.map((j) => ({ name, data: j.payload, opts: { ...options, jobId: j.jobId } })),
      );
    },
    close: () => queue.close(),
  };
}
export type Producer<Q extends QueueName> = ReturnType<typeof createProducer<Q>>;

/** What a processor sees besides its payload. */
export interface JobContext {
  job: Job;
  token: string | undefined;
  /** True when this attempt is the last one: a failure now dead-letters the job. */
  isFinalAttempt: boolean;
}

export type JobHandlers<Q extends QueueName> = {
  [N in JobNamesOf<Q>]: (payload: JobPayload<N>, context: JobContext) => Promise<void>;
};

/**
 * A BullMQ worker for one queue that dispatches by job name. The handler map is typed, so a job
 * without a handler does not compile; a payload that fails its schema is not retried.
 */
export function createCatalogWorker<Q extends QueueName>(
  queueName: Q,
  handlers: JobHandlers<Q>,
  options: Omit<WorkerOptions, 'connection' | 'prefix'> & { connection: Redis; prefix: string },
): Worker {
  return new Worker(
    queueName,
    async (job, token) => {
      const name = job.name as JobNamesOf<Q>;
      const entry = jobCatalog[name as JobName];
      const handler = handlers[name] as
        ((payload: unknown, context: JobContext) => Promise<void>) | undefined;
      if (!entry || !handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
      const parsed = entry.schema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}`);
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await handler(parsed.data, { job, token, isFinalAttempt });
    },
    options,
  );
}

/**
 * Closes a Redis connection after BullMQ is done with it: QUIT (so in-flight commands finish
 * rather than fail with errors nobody listens for), falling back to a hard close if Redis is away.
 */
export async function closeRedis(connection: Redis, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([connection.quit().catch(() => 'failed' as const), timedOut]);
  clearTimeout(timer);
  if (result !== 'OK') connection.disconnect();
}
