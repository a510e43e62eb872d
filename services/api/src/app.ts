import express, { type Express, type Router } from 'express';
import type { Logger } from '@elara/logger/logger';
import { errorHandler, sendError, type ErrorReporter } from './http/errors.ts';
import { healthRoutes, type HealthDeps } from './routes/health.routes.ts';
import { detailedHealthRoutes, type DetailedHealthDeps } from './routes/health-detailed.routes.ts';
import { twilioWebhookRoutes, type TwilioWebhookDeps } from './routes/twilio-webhook.routes.ts';

export interface AppDeps {
  logger: Logger;
  webhooks: Omit<TwilioWebhookDeps, 'logger'>;
  health: HealthDeps;
  /** `GET /health/detailed`, for operators; absent or without a token it answers 404. */
  detailedHealth?: DetailedHealthDeps;
  /** The admin API (`/api/v1`), when this instance serves it. */
  adminApi?: Router;
  /** Unexpected errors, besides the log. */
  reportError?: ErrorReporter;
}

/** The HTTP app, from infrastructure built by the caller (main.ts, or a test). */
export function createApp({
  logger,
  webhooks,
  health,
  detailedHealth,
  adminApi,
  reportError,
}: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(healthRoutes(health));
  if (detailedHealth) app.use(detailedHealthRoutes(detailedHealth));
  app.use(twilioWebhookRoutes({ ...webhooks, logger }));
  if (adminApi) app.use(adminApi);
  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  app.use(errorHandler(logger, reportError));
  return app;
}
