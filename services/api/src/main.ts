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

/**
 * A request that never ends must not hold the pod until the kubelet's SIGKILL: leave, loudly. The
 * timer stays referenced, so a close that hangs on nothing still ends here, not in a silent exit 0.
 */
function exitAtDeadline(seconds: number): void {
  setTimeout(() => {
    logger.error({ timeoutSeconds: seconds }, 'shutdown deadline passed: exiting with requests unfinished');
    process.exit(1);
  }, seconds * 1000);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  exitAtDeadline(config.SHUTDOWN_TIMEOUT_SECONDS);
  logger.info(
    { signal, drainSeconds: config.SHUTDOWN_DRAIN_SECONDS },
    'shutting down: readiness failing, finishing requests in flight',
  );
  await api.close();
  await telemetry.shutdown();
  logger.info('api stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
