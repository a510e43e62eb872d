import { setTimeout as sleep } from 'node:timers/promises';
import type { StopReason } from '@elara/leader-election/lease';
import type { Logger } from '@elara/logger/logger';
import type { Redis } from 'ioredis';
import type { QueueMetrics } from './queue-metrics.ts';
import type { SchedulerConfig } from './scheduler.config.ts';
import { registerSchedules } from './schedules.ts';

export interface LeaderDutiesInput {
  config: SchedulerConfig;
  redis: Redis;
  logger: Logger;
  queueMetrics: QueueMetrics | null;
  /** Wait between registration attempts while Redis refuses them. */
  retryMs: number;
}

/**
 * What only the active scheduler does: register the schedules and report queue depth. Started on
 * becoming leader, stopped on losing it. The schedules live in Redis and workers keep running them
 * while no scheduler leads; stopping only closes this replica's producer.
 */
export function createLeaderDuties({ config, redis, logger, queueMetrics, retryMs }: LeaderDutiesInput) {
  let registering: Promise<(() => Promise<void>) | null> = Promise.resolve(null);

  /** Registers until it works or leadership ends: a leader that cannot register would be useless. */
  async function registerWhileLeading(signal: AbortSignal) {
    while (!signal.aborted) {
      try {
        const close = await registerSchedules(config, redis);
        logger.info({ relayEverySeconds: config.RELAY_INTERVAL_SECONDS }, 'schedules registered');
        return close;
      } catch (error) {
        logger.error({ err: error }, 'registering schedules failed; retrying');
        await sleep(retryMs, undefined, { signal }).catch(() => undefined);
      }
    }
    return null;
  }

  return {
    start(signal: AbortSignal): void {
      logger.info('scheduler leadership acquired: registering schedules, reporting queue depth');
      queueMetrics?.setActive(true);
      registering = registerWhileLeading(signal);
    },
    async stop(reason: StopReason): Promise<void> {
      queueMetrics?.setActive(false);
      const close = await registering;
      registering = Promise.resolve(null);
      await close?.();
      const log = reason === 'stopped' ? logger.info.bind(logger) : logger.warn.bind(logger);
      log({ reason }, 'scheduler leadership ended: schedules and queue metrics stopped here');
    },
  };
}
