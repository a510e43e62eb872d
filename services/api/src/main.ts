import { createLogger } from '@elara/logger/logger';
import { logCorrelationMixin } from '@elara/telemetry/log-correlation';
import { startTelemetry } from '@elara/telemetry/start';
import { loadApiConfig } from './api.config.ts';
import { startApi } from './api-runtime.ts';

const config = loadApiConfig(process.env);
// First, so spans, uncaught exceptions and unhandled rejections of everything below are reported.
const telemetry = startTelemetry('api', config);
const logger = createLogger({
  service: 'api',
  level: config.LOG_LEVEL,
  version: config.SERVICE_VERSION,
  mixin: logCorrelationMixin,
});
const api = await startApi(config, logger, (error, context) => telemetry.errors.captureError(error, context));
logger.info({ url: api.url }, 'api listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  await api.close();
  await telemetry.shutdown();
  logger.info('api stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
