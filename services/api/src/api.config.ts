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
     * On SIGTERM, keep serving (readiness 503, answers with `Connection: close`) this long before
     * closing the listener, for load balancers that learn of the shutdown through readiness. The
     * chart leaves it 0: Kubernetes removes a terminating pod's endpoints itself, during preStop.
     */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(0),
    /**
     * From SIGTERM to a forced exit (code 1): a stuck request must not hold the pod until the
     * kubelet's SIGKILL. Keep it below terminationGracePeriodSeconds minus the preStop pause.
     */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(15),
    /**
     * Operators' bearer token for `GET /health/detailed` (at least 32 characters). Unset: the route
     * answers 404. No default, ever.
     */
    HEALTH_DETAILED_TOKEN: z.string().min(32).optional(),
  });

const apiConfig = apiEnv.refine((c) => c.SHUTDOWN_DRAIN_SECONDS < c.SHUTDOWN_TIMEOUT_SECONDS, {
  path: ['SHUTDOWN_DRAIN_SECONDS'],
  message: 'must be shorter than SHUTDOWN_TIMEOUT_SECONDS, or no request could finish after the drain',
});

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** The API's configuration, validated once at start-up. */
export function loadApiConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(apiConfig, env);
}
