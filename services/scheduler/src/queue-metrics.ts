import type { Logger } from '@elara/logger/logger';
import { createMetrics } from '@elara/metrics/metrics';
import { startMetricsServer, type ProbeChecks } from '@elara/metrics/server';
import { QUEUE_NAMES } from '@elara/queue/catalog';
import { readQueueDepth } from '@elara/queue/depth';
import { createProducer } from '@elara/queue/queues';
import type { Redis } from 'ioredis';
import type { SchedulerConfig } from './scheduler.config.ts';

/** The gauges only the active scheduler reports. */
const QUEUE_GAUGES = ['elara_queue_jobs', 'elara_queue_oldest_waiting_age_seconds'];

export interface QueueMetricsOptions {
  /** Start as a standby replica, reporting no queue depth until `setActive(true)` (default: active). */
  active?: boolean;
  /** Kubernetes probes answered on the same port (`GET /health/live`, `GET /health/ready`). */
  probes?: ProbeChecks;
}

/**
 * The scheduler's `/metrics`: every queue's depth and oldest waiting job, read from Redis on each
 * scrape. Only the active replica reports them, so sums across replicas count each job once; a
 * standby serves the endpoint (and probes) with the queue gauges empty. Null when `METRICS_PORT` is 0.
 */
export async function startQueueMetrics(
  config: SchedulerConfig,
  connection: Redis,
  logger: Logger,
  { active = true, probes }: QueueMetricsOptions = {},
) {
  if (config.METRICS_PORT === 0) return null;
  let reporting = active;
  // Producers only for their Queue handles: nothing is added through them.
  const settings = { connection, prefix: config.REDIS_KEY_PREFIX, sendRetry: { attempts: 1, backoffMs: 0 } };
  const producers = QUEUE_NAMES.map((name) => createProducer(name, settings));
  const readDepths = async () => {
    if (!reporting) return [];
    const depths = await Promise.all(producers.map((p) => readQueueDepth(p.queue)));
    // Leadership may have ended during the read: report nothing rather than a standby's numbers.
    return reporting ? depths : [];
  };
  const metrics = createMetrics({
    service: 'scheduler',
    sources: {
      queues: readDepths,
      onCollectError: (error, source) => logger.warn({ err: error, source }, 'metrics collection failed'),
    },
  });
  const server = await startMetricsServer({
    registry: metrics.registry,
    host: config.METRICS_HOST,
    port: config.METRICS_PORT,
    ...(probes ? { probes } : {}),
  });
  return {
    url: server.url,
    /** Starts or stops reporting queue depth; stopping clears the gauges' last values. */
    setActive(next: boolean): void {
      reporting = next;
      if (!next) for (const name of QUEUE_GAUGES) metrics.registry.getSingleMetric(name)?.reset();
    },
    async close() {
      await server.close();
      await Promise.all(producers.map((p) => p.close()));
    },
  };
}

export type QueueMetrics = NonNullable<Awaited<ReturnType<typeof startQueueMetrics>>>;
