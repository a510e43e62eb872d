import { z } from 'zod';
import { logEnv, metricsEnv, parseEnv, redisEnv, telemetryEnv, threatFeedsEnv } from '@elara/config/env';

const schedulerEnv = logEnv
  .extend(redisEnv.shape)
  .extend(telemetryEnv.shape)
  .extend(threatFeedsEnv.pick({ THREAT_FEED_REFRESH_MINUTES: true }).shape)
  .extend(metricsEnv(9466).shape)
  .extend({
    RELAY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
  });

export type SchedulerConfig = ReturnType<typeof loadSchedulerConfig>;

export function loadSchedulerConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(schedulerEnv, env);
}
