import { hostname } from 'node:os';
import { createPool, type Pool } from '@elara/db/pool';
import type { Logger } from '@elara/logger/logger';
import { createMetrics, timedJob, type ElaraMetrics } from '@elara/metrics/metrics';
import { startMetricsServer } from '@elara/metrics/server';
import { createReplyDelivery } from '@elara/pipeline/delivery';
import { createInboundProcessor } from '@elara/pipeline/processing';
import { createRelayService } from '@elara/pipeline/relay';
import { createTenantUrlListCache } from '@elara/pipeline/tenant-url-lists';
import type { LinkInspector } from '@elara/pipeline/detection-inputs';
import { registrableDomain, SHORTENER_HOSTS } from '@elara/detection/links';
import { createLinkInspector } from '@elara/link-inspection/inspector';
import type { JobPayload } from '@elara/queue/catalog';
import {
  closeRedis,
  createCatalogWorker,
  createProducer,
  type JobContext,
  type JobHandlers,
} from '@elara/queue/queues';
import { readRedisSettings, redisSettingProblems } from '@elara/queue/redis-requirements';
import { createRateLimiter } from '@elara/ratelimit/limits';
import { createSenderPacer } from '@elara/ratelimit/pacing';
import { createSecretBox, withOpenCache } from '@elara/secrets/secret-box';
import { refreshThreatFeeds } from '@elara/threat-feeds/refresh';
import { createThreatIndexRefresher, type ThreatIndexRefresher } from '@elara/threat-feeds/refresher';
import { createTwilioMessaging } from '@elara/whatsapp/messaging';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerConfig } from './worker.config.ts';
import type { ErrorReporter } from '@elara/telemetry/errors';
import { withLogCorrelation } from '@elara/telemetry/log-correlation';
import { extractTraceContext, SPAN_ATTRIBUTES as ATTR, withSpan } from '@elara/telemetry/tracing';

export interface RunningWorker {
  workers: Worker[];
  /** Where Prometheus scrapes this process (`METRICS_PORT`), or null when it is 0. */
  metricsUrl: string | null;
  /** Stops taking jobs, waits for those in flight, closes connections. */
  close(): Promise<void>;
}

interface Infrastructure {
  pool: Pool;
  /** For commands (rate limits, pacing, enqueueing); BullMQ workers get their own connection. */
  commands: Redis;
  logger: Logger;
  /** The in-memory threat-feed index, reloaded when an import changes the feeds. */
  threats: ThreatIndexRefresher;
  metrics: ElaraMetrics;
}

/** Dead-lettered messages across tenants, through the operators' SECURITY DEFINER list (capped). */
async function countDeadLetters(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM list_dead_lettered_inbound(1000)',
  );
  return rows[0]?.n ?? 0;
}

/**
 * Refuses to consume queues from a Redis that may drop jobs, before any worker starts: a
 * misconfigured Redis should fail the rollout, not lose messages later.
 */
async function assertRedisFitForQueues(config: WorkerConfig, redis: Redis, logger: Logger): Promise<void> {
  const settings = await readRedisSettings(redis);
  const problems = redisSettingProblems(settings, {
    noEviction: config.REDIS_REQUIRE_NOEVICTION,
    appendOnly: config.REDIS_REQUIRE_AOF,
  });
  if (problems.length > 0) throw new Error(`Redis is not fit for queues: ${problems.join('; ')}`);
  if (!settings.aofEnabled) logger.warn('Redis keeps no append-only file: a Redis restart loses queued jobs');
}

/** Readiness: the worker can reach both stores it needs for every job. */
async function checkDependencies(pool: Pool, redis: Redis): Promise<void> {
  await Promise.all([pool.query('SELECT 1'), redis.ping()]);
}

/** The optional network steps on links, only when configured: they contact hosts a scammer chose. */
function createConfiguredLinkInspector(config: WorkerConfig, logger: Logger): LinkInspector | undefined {
  if (!config.LINK_EXPAND_SHORTENERS && !config.LINK_RDAP_LOOKUP) return undefined;
  return createLinkInspector({
    expandShorteners: config.LINK_EXPAND_SHORTENERS,
    rdap: config.LINK_RDAP_LOOKUP,
    timeoutMs: config.LINK_INSPECTION_TIMEOUT_MS,
    maxRedirects: config.LINK_MAX_REDIRECTS,
    maxBodyBytes: config.LINK_MAX_BODY_BYTES,
    cacheTtlMs: config.LINK_INSPECTION_CACHE_TTL_MS,
    cacheMaxEntries: config.LINK_INSPECTION_CACHE_SIZE,
    rdapBaseUrl: config.RDAP_BASE_URL,
    shortenerHosts: SHORTENER_HOSTS,
    registrableDomain,
    // The host only: a link's path and query may carry personal data.
    onError: (error, link) => logger.debug({ err: error, host: link.host }, 'link inspection failed'),
  });
}

/** The job handlers, wired to their dependencies. */
function createHandlers(config: WorkerConfig, { pool, commands, logger, threats, metrics }: Infrastructure) {
  const prefix = config.REDIS_KEY_PREFIX;
  const producer = createProducer('whatsapp-inbound', {
    connection: commands,
    prefix,
    sendRetry: { attempts: config.SEND_ATTEMPTS, backoffMs: config.SEND_BACKOFF_MS },
  });
  const messaging = createTwilioMessaging({
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    timeoutMs: config.TWILIO_TIMEOUT_MS,
    statusCallbackUrl: config.STATUS_CALLBACKS
      ? `${config.PUBLIC_BASE_URL}/webhooks/twilio/status`
      : undefined,
  });
  const processInbound = createInboundProcessor({
    pool,
    rateLimiter: createRateLimiter(commands, prefix),
    pacer: createSenderPacer(commands, prefix, config.SENDER_MESSAGES_PER_SECOND),
    delivery: createReplyDelivery({
      pool,
      messaging,
      logger,
      sendTimeoutMs: config.TWILIO_TIMEOUT_MS,
      metrics,
    }),
    secretBox: withOpenCache(createSecretBox(config.ELARA_SECRETS_KEY)),
    logger,
    metrics,
    detection: {
      tenantUrlLists: createTenantUrlListCache({ pool, ttlMs: config.TENANT_URL_LISTS_TTL_MS }),
      threats: () => threats.current(),
      linkInspector: createConfiguredLinkInspector(config, logger),
    },
  });
  const relay = createRelayService({ pool, producer, staleAfterSeconds: config.RELAY_STALE_AFTER_SECONDS });
  const requeueUnprocessed = async () => {
    const count = await relay.requeueUnprocessed();
    metrics.relayRequeued.inc(count);
    if (count > 0) logger.warn({ count }, 'relay re-queued unprocessed messages');
  };
  const threatFeeds = config.THREAT_FEEDS.map((f) => ({ name: f.name, format: f.format, source: f.url }));
  const refreshFeeds = async () => {
    await refreshThreatFeeds({ pool, feeds: threatFeeds, logger });
  };
  return {
    processInbound: timedJob(metrics, 'whatsapp.processInbound', processInbound),
    requeueUnprocessed: timedJob(metrics, 'relay.requeueUnprocessed', requeueUnprocessed),
    refreshFeeds: timedJob(metrics, 'threatFeeds.refresh', refreshFeeds),
    close: () => producer.close(),
  };
}

/**
 * Runs one message's job inside its trace (continued from the webhook through the job's `trace`
 * field) and with the message id as the correlation id of every log line it writes.
 */
function tracedInboundJob(handler: JobHandlers<'whatsapp-inbound'>['whatsapp.processInbound']) {
  const name = 'whatsapp.processInbound';
  return (p: JobPayload<typeof name>, context: JobContext) =>
    withLogCorrelation({ correlationId: p.inboundMessageId, tenantId: p.tenantId, jobName: name }, () =>
      withSpan(
        `job ${name}`,
        {
          [ATTR.tenantId]: p.tenantId,
          [ATTR.inboundMessageId]: p.inboundMessageId,
          [ATTR.jobName]: name,
          [ATTR.queue]: 'whatsapp-inbound',
          [ATTR.attempt]: context.job.attemptsMade + 1,
        },
        () => handler(p, context),
        extractTraceContext(p.trace),
      ),
    );
}

/** Reports a job's final failure (its last attempt, or an unrecoverable error) to error reporting. */
function reportFinalFailures(worker: Worker, errors: ErrorReporter): void {
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const data = job.data as { tenantId?: unknown };
    errors.captureError(error, {
      jobName: job.name,
      queue: worker.name,
      jobId: job.id,
      tenantId: typeof data.tenantId === 'string' ? data.tenantId : undefined,
    });
  });
}

export interface WorkerTelemetry {
  /** Where failed jobs are reported; off when not given. */
  errors?: ErrorReporter;
}

/** Builds the worker from its config and starts consuming the queues it is configured for. */
export async function startWorker(
  config: WorkerConfig,
  logger: Logger,
  telemetry: WorkerTelemetry = {},
): Promise<RunningWorker> {
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'elara-worker',
  });
  const bullConnection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const commands = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  for (const r of [bullConnection, commands])
    r.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  await assertRedisFitForQueues(config, commands, logger).catch(async (error: unknown) => {
    await Promise.all([closeRedis(bullConnection), closeRedis(commands), pool.end()]);
    throw error;
  });
  const threats = createThreatIndexRefresher({ pool, logger, pollIntervalMs: config.THREAT_INDEX_POLL_MS });
  await threats.start();
  const metrics = createMetrics({
    service: 'worker',
    sources: {
      deadLetters: () => countDeadLetters(pool),
      onCollectError: (error, source) => logger.warn({ err: error, source }, 'metrics collection failed'),
    },
  });
  const handlers = createHandlers(config, { pool, commands, logger, threats, metrics });
  const options = {
    connection: bullConnection,
    prefix: config.REDIS_KEY_PREFIX,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    // Stored on each job it takes (`processedBy`) and in its Redis client name: which pod runs what.
    name: `${hostname()}:${process.pid}`,
  };
  const workers: Worker[] = [];
  if (config.WORKER_QUEUES.includes('whatsapp-inbound')) {
    const catalog = { 'whatsapp.processInbound': tracedInboundJob(handlers.processInbound) };
    workers.push(
      createCatalogWorker('whatsapp-inbound', catalog, {
        ...options,
        concurrency: config.WORKER_CONCURRENCY,
      }),
    );
  }
  if (config.WORKER_QUEUES.includes('maintenance')) {
    const catalog = {
      'relay.requeueUnprocessed': handlers.requeueUnprocessed,
      'threatFeeds.refresh': handlers.refreshFeeds,
    };
    workers.push(createCatalogWorker('maintenance', catalog, { ...options, concurrency: 1 }));
  }
  for (const worker of workers) worker.on('error', (error) => logger.error({ err: error }, 'worker error'));
  if (telemetry.errors) for (const worker of workers) reportFinalFailures(worker, telemetry.errors);
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  let closing = false;
  const metricsServer =
    config.METRICS_PORT === 0
      ? null
      : await startMetricsServer({
          registry: metrics.registry,
          host: config.METRICS_HOST,
          port: config.METRICS_PORT,
          probes: { ready: () => checkDependencies(pool, commands), isShuttingDown: () => closing },
        });

  return {
    workers,
    metricsUrl: metricsServer?.url ?? null,
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.close()));
      await metricsServer?.close();
      threats.stop();
      await handlers.close();
      await Promise.all([closeRedis(bullConnection), closeRedis(commands)]);
      await pool.end();
    },
  };
}
