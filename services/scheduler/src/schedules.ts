import { createProducer } from '@elara/queue/queues';
import type { Redis } from 'ioredis';
import type { SchedulerConfig } from './scheduler.config.ts';

/**
 * The recurring jobs, created here and nowhere else. upsertJobScheduler is idempotent, so every
 * scheduler start (or a second replica) converges on one schedule per job.
 */
export async function registerSchedules(
  config: SchedulerConfig,
  connection: Redis,
): Promise<() => Promise<void>> {
  const maintenance = createProducer('maintenance', {
    connection,
    prefix: config.REDIS_KEY_PREFIX,
    sendRetry: { attempts: 1, backoffMs: 0 },
  });
  try {
    await maintenance.queue.upsertJobScheduler(
      'relay-unprocessed',
      { every: config.RELAY_INTERVAL_SECONDS * 1_000 },
      { name: 'relay.requeueUnprocessed', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    // `every` also runs it once right away, so a fresh install gets the built-in feed within seconds.
    await maintenance.queue.upsertJobScheduler(
      'threat-feeds-refresh',
      { every: config.THREAT_FEED_REFRESH_MINUTES * 60_000 },
      { name: 'threatFeeds.refresh', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  } catch (error) {
    await maintenance.close();
    throw error;
  }
  return () => maintenance.close();
}
