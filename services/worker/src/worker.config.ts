import { z } from 'zod';
import {
  databaseEnv,
  logEnv,
  metricsEnv,
  parseEnv,
  pacingEnv,
  retryEnv,
  publicUrlEnv,
  redisEnv,
  secretsEnv,
  threatFeedsEnv,
  twilioEnv,
  linkInspectionEnv,
  telemetryEnv,
} from '@elara/config/env';

const workerEnv = logEnv
  .extend(databaseEnv.shape)
  .extend(redisEnv.shape)
  .extend(secretsEnv.shape)
  .extend(twilioEnv.shape)
  .extend(publicUrlEnv.shape)
  .extend(retryEnv.shape)
  .extend(pacingEnv.shape)
  .extend(threatFeedsEnv.shape)
  .extend(linkInspectionEnv.shape)
  .extend(telemetryEnv.shape)
  .extend(metricsEnv(9465).shape)
  .extend({
    /** Jobs in flight per process: most of a job's time is waiting on Postgres and the provider. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(64),
    /** Which queues this process consumes (comma-separated). */
    WORKER_QUEUES: z
      .string()
      .default('whatsapp-inbound,maintenance')
      .transform((v) =>
        v
          .split(',')
          .map((q) => q.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['whatsapp-inbound', 'maintenance'])).min(1)),
    /** How often BullMQ looks for jobs whose worker died (ms); such jobs run again. */
    WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
    /** A job's lock lives this long without renewal; a killed worker's jobs are retaken after it. */
    WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
    /**
     * From SIGTERM to a forced exit (code 1) if jobs in flight have not finished; those jobs run
     * again elsewhere once their locks expire. Longer than a job (TWILIO_TIMEOUT_MS and then some),
     * shorter than terminationGracePeriodSeconds minus any preStop pause.
     */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3_600).default(25),
    /** Ask Twilio for delivery status callbacks at PUBLIC_BASE_URL/webhooks/twilio/status. */
    STATUS_CALLBACKS: z.stringbool().default(true),
    RELAY_STALE_AFTER_SECONDS: z.coerce.number().int().min(1).default(60),
    /** How long a tenant's allow/block lists are cached; an admin change applies within this. */
    TENANT_URL_LISTS_TTL_MS: z.coerce.number().int().min(0).default(30_000),
    /** Refuse to start unless Redis's maxmemory-policy is noeviction (evicted keys are lost jobs). */
    REDIS_REQUIRE_NOEVICTION: z.stringbool().default(true),
    /** Refuse to start unless Redis keeps an append-only file (off locally; on for the chart's Redis). */
    REDIS_REQUIRE_AOF: z.stringbool().default(false),
    /** How often the worker checks whether an import changed the threat feeds (ms). */
    THREAT_INDEX_POLL_MS: z.coerce.number().int().min(100).default(30_000),
  });

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(workerEnv, env);
}
