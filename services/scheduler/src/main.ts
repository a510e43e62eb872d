import { createLogger } from '@elara/logger/logger';
import { startTelemetry } from '@elara/telemetry/start';
import { closeRedis } from '@elara/queue/queues';
import { Redis } from 'ioredis';
import { loadSchedulerConfig } from './scheduler.config.ts';
import { startScheduler } from './scheduler-runtime.ts';

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
// With LEADER_ELECTION_ENABLED, only the Lease holder registers schedules and reports queue depth.
let stopping = false;
const scheduler = await startScheduler({
  config,
  redis,
  logger,
  // Ready when Redis answers: a standby must be ready too, to take over the moment the lease frees.
  probes: { ready: async () => void (await redis.ping()), isShuttingDown: () => stopping },
});

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'scheduler stopping');
  await scheduler.close(); // releases the lease, so a standby takes over at once
  await closeRedis(redis);
  await telemetry.shutdown();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
