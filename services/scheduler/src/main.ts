import { createLogger } from '@elara/logger/logger';
import { startTelemetry } from '@elara/telemetry/start';
import { closeRedis } from '@elara/queue/queues';
import { Redis } from 'ioredis';
import { startQueueMetrics } from './queue-metrics.ts';
import { loadSchedulerConfig } from './scheduler.config.ts';
import { registerSchedules } from './schedules.ts';

const config = loadSchedulerConfig(process.env);
// First, so uncaught exceptions and unhandled rejections are reported (the scheduler has no spans).
const telemetry = startTelemetry('scheduler', config);
const logger = createLogger({
  service: 'scheduler',
  level: config.LOG_LEVEL,
  version: config.SERVICE_VERSION,
});
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
const close = await registerSchedules(config, redis);
logger.info({ relayEverySeconds: config.RELAY_INTERVAL_SECONDS }, 'schedules registered');
const queueMetrics = await startQueueMetrics(config, redis, logger);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'scheduler stopping');
  await close();
  await queueMetrics?.close();
  await closeRedis(redis);
  await telemetry.shutdown();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
