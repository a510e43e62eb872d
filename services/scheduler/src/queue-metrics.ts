import type { Logger } from '@elara/logger/logger';
import { createMetrics } from '@elara/metrics/metrics';
import { startMetricsServer } from '@elara/metrics/server';
import { QUEUE_NAMES } from '@elara/queue/catalog';
import { readQueueDepth } from '@elara/queue/depth';
import { createProducer } from '@elara/queue/queues';
import type { Redis } from 'ioredis';
import type { SchedulerConfig } from './scheduler.config.ts';

/**
 * The scheduler's `/metrics`: every queue's depth and oldest waiting job, read from Redis on each
 * scrape (one replica runs, so the gauges are not repeated per worker). Null when `METRICS_PORT` is 0.
 */
export async function startQueueMetrics(config: SchedulerConfig, connection: Redis, logger: Logger) {
  if (config.METRICS_PORT === 0) return null;
  // Producers only for their Queue handles: nothing is added through them.
  const settings = { connection, prefix: config.REDIS_KEY_PREFIX, sendRetry: { attempts: 1, backoffMs: 0 } };
  const producers = QUEUE_NAMES.map((name) => createProducer(name, settings));
  const metrics = createMetrics({
    service: 'scheduler',
    sources: {
      queues: () => Promise.all(producers.map((p) => readQueueDepth(p.queue))),
      onCollectError: (error, source) => logger.warn({ err: error, source }, 'metrics collection failed'),
    },
  });
  const server = await startMetricsServer({
    registry: metrics.registry,
    host: config.METRICS_HOST,
    port: config.METRICS_PORT,
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      await Promise.all(producers.map((p) => p.close()));
    },
  };
}
