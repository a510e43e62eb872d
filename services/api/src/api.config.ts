import { z } from 'zod';
import {
  authEnv,
  databaseEnv,
  httpEnv,
  logEnv,
  metricsEnv,
  parseEnv,
  retryEnv,
  publicUrlEnv,
  redisEnv,
  secretsEnv,
  telemetryEnv,
  twilioEnv,
} from '@elara/config/env';

const apiEnv = logEnv
  .extend(databaseEnv.shape)
  .extend(redisEnv.shape)
  .extend(secretsEnv.shape)
  .extend(publicUrlEnv.shape)
  .extend(httpEnv.shape)
  .extend(retryEnv.shape)
  .extend(authEnv.shape)
  .extend(telemetryEnv.shape)
  .extend(metricsEnv(9464).shape)
  .extend(twilioEnv.pick({ TWILIO_API_BASE_URL: true }).shape)
  .extend({
    /**
     * On SIGTERM, answer readiness with 503 for this long before closing the listener, so a load
     * balancer stops sending traffic first (a few seconds behind Kubernetes; 0 locally).
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    /**
     * Operators' bearer token for `GET /health/detailed` (at least 32 characters). Unset: the route
     * answers 404. No default, ever.
     */
    HEALTH_DETAILED_TOKEN: z.string().min(32).optional(),
  });

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** The API's configuration, validated once at start-up. */
export function loadApiConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(apiEnv, env);
}
