import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ServiceName = 'api' | 'worker' | 'scheduler';
export type WebhookRoute = 'whatsapp' | 'status';
export type WebhookOutcome =
  'accepted' | 'duplicate' | 'bad_signature' | 'unknown_number' | 'bad_request' | 'error';
export type JobOutcome = 'completed' | 'failed' | 'delayed';
export type ProviderSendOutcome = 'accepted' | 'reconciled' | 'rejected' | 'error' | 'timeout';
export type RateLimitScope = 'user' | 'tenant';

/** The BullMQ states reported per queue by `elara_queue_jobs`. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** One queue's depth, read on scrape (see `@elara/queue/depth`). */
export interface QueueDepthSample {
  queue: string;
  counts: Record<QueueState, number>;
  /** Age of the oldest waiting job, or null when none waits. */
  oldestWaitingAgeSeconds: number | null;
}

/** What a service can report on scrape; each gauge is registered only where its source is given. */
export interface MetricsSources {
  /** Queue depths (the scheduler reads them from Redis). */
  queues?: () => Promise<QueueDepthSample[]>;
  /** Dead-lettered messages across tenants (the worker reads them through the SECURITY DEFINER list). */
  deadLetters?: () => Promise<number>;
  /** Called when a source fails; the gauge keeps its previous value. */
  onCollectError?: (error: unknown, source: 'queues' | 'deadLetters') => void;
}

export interface CreateMetricsInput {
  service: ServiceName;
  /** prom-client's process and Node.js metrics, prefixed `elara_` (default true). */
  defaultMetrics?: boolean;
  sources?: MetricsSources;
}

type Labels = Record<string, string>;

/** A counter whose label names and values are checked at compile time. */
export interface TypedCounter<L extends Labels> {
  inc(labels: L, value?: number): void;
}
/** A histogram whose label names and values are checked at compile time; values in seconds. */
export interface TypedHistogram<L extends Labels> {
  observe(labels: L, seconds: number): void;
  /** Starts a timer; call the result with the labels known at the end. */
  startTimer(): (labels: L) => void;
}

function typedCounter<L extends Labels>(counter: Counter<string>): TypedCounter<L> {
  return { inc: (labels, value = 1) => counter.inc(labels, value) };
}

function typedHistogram<L extends Labels>(histogram: Histogram<string>): TypedHistogram<L> {
  return {
    observe: (labels, seconds) => histogram.observe(labels, seconds),
    startTimer() {
      const started = process.hrtime.bigint();
      return (labels) => histogram.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    },
  };
}

const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const JOB_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const REPLY_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300];

function registerSourceGauges(registry: Registry, sources: MetricsSources): void {
  const { queues, deadLetters, onCollectError } = sources;
  if (queues) {
    // One read serves both gauges: whichever is collected first refreshes, the other reuses it.
    let pending: Promise<QueueDepthSample[]> | null = null;
    const read = () => {
      pending ??= queues().finally(() => setTimeout(() => (pending = null), 0));
      return pending;
    };
    const jobs = new Gauge({
      name: 'elara_queue_jobs',
      help: 'Jobs per BullMQ queue and state, read on scrape',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        try {
          for (const s of await read())
            for (const state of QUEUE_STATES) jobs.set({ queue: s.queue, state }, s.counts[state]);
        } catch (error) {
          onCollectError?.(error, 'queues');
        }
      },
    });
    const oldest = new Gauge({
      name: 'elara_queue_oldest_waiting_age_seconds',
      help: 'Age of the oldest waiting job per queue (0 when none waits), read on scrape',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        try {
          for (const s of await read()) oldest.set({ queue: s.queue }, s.oldestWaitingAgeSeconds ?? 0);
        } catch (error) {
          onCollectError?.(error, 'queues');
        }
      },
    });
  }
  if (deadLetters) {
    const gauge = new Gauge({
      name: 'elara_dead_letters',
      help: 'Messages dead-lettered and not re-driven, across tenants (capped at 1000), read on scrape',
      registers: [registry],
      async collect() {
        try {
          gauge.set(await deadLetters());
        } catch (error) {
          onCollectError?.(error, 'deadLetters');
        }
      },
    });
  }
}

/**
 * Elara's Prometheus metrics for one service, in a registry of their own (never the global one,
 * so tests can build several). Every name is `elara_` prefixed and listed in `metric-names.ts`.
 */
export function createMetrics({ service, defaultMetrics = true, sources = {} }: CreateMetricsInput) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'elara_' });
  const registers = [registry];
  registerSourceGauges(registry, sources);
  return {
    registry,
    webhookRequests: typedCounter<{ route: WebhookRoute; outcome: WebhookOutcome; tenant_id: string }>(
      new Counter({
        name: 'elara_webhook_requests_total',
        help: 'Twilio webhook requests by route and outcome; tenant_id is empty when no tenant is known',
        labelNames: ['route', 'outcome', 'tenant_id'],
        registers,
      }),
    ),
    webhookAckDuration: typedHistogram<{ route: WebhookRoute }>(
      new Histogram({
        name: 'elara_webhook_ack_duration_seconds',
        help: 'Time from a webhook request to its answer',
        labelNames: ['route'],
        buckets: ACK_BUCKETS,
        registers,
      }),
    ),
    jobDuration: typedHistogram<{ job: string; outcome: JobOutcome }>(
      new Histogram({
        name: 'elara_job_duration_seconds',
        help: 'Time a worker spent on one run of a job, by job name and outcome',
        labelNames: ['job', 'outcome'],
        buckets: JOB_BUCKETS,
        registers,
      }),
    ),
    webhookToReply: typedHistogram<Record<never, string>>(
      new Histogram({
        name: 'elara_webhook_to_reply_seconds',
        help: "Time from a message's acknowledgement (or re-queue) to the provider accepting its reply",
        buckets: REPLY_BUCKETS,
        registers,
      }),
    ),
    verdicts: typedCounter<{ verdict: string; tenant_id: string }>(
      new Counter({
        name: 'elara_verdicts_total',
        help: 'Verdicts decided (scam, suspicious, spam, safe) per tenant',
        labelNames: ['verdict', 'tenant_id'],
        registers,
      }),
    ),
    providerSends: typedCounter<{ outcome: ProviderSendOutcome }>(
      new Counter({
        name: 'elara_provider_sends_total',
        help: 'Reply sends to the provider by outcome (reconciled: an earlier send found, not resent)',
        labelNames: ['outcome'],
        registers,
      }),
    ),
    rateLimitRejections: typedCounter<{ scope: RateLimitScope }>(
      new Counter({
        name: 'elara_rate_limit_rejections_total',
        help: 'Messages refused by the per-user or per-tenant rate limit',
        labelNames: ['scope'],
        registers,
      }),
    ),
    relayRequeued: new Counter({
      name: 'elara_relay_requeued_total',
      help: 'Messages the relay re-queued because their job was lost',
      registers,
    }),
    senderCacheLookups: typedCounter<{ result: 'hit' | 'miss' }>(
      new Counter({
        name: 'elara_sender_cache_lookups_total',
        help: "Webhooks' sender-directory lookups answered from the API's cache (hit) or the database (miss)",
        labelNames: ['result'],
        registers,
      }),
    ),
  };
}

export type ElaraMetrics = ReturnType<typeof createMetrics>;

/**
 * Wraps a job handler so each run is observed in `elara_job_duration_seconds`. A BullMQ
 * `DelayedError` (the job re-scheduled itself) counts as `delayed`, any other error as `failed`.
 */
export function timedJob<A extends unknown[]>(
  metrics: ElaraMetrics | undefined,
  job: string,
  handler: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  if (!metrics) return handler;
  return async (...args) => {
    const done = metrics.jobDuration.startTimer();
    try {
      await handler(...args);
      done({ job, outcome: 'completed' });
    } catch (error) {
      done({ job, outcome: (error as Error).name === 'DelayedError' ? 'delayed' : 'failed' });
      throw error;
    }
  };
}
