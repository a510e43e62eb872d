import { createLogger } from '@elara/logger/logger';
import { logCorrelationMixin } from '@elara/telemetry/log-correlation';
import { startTelemetry } from '@elara/telemetry/start';
import { loadWorkerConfig } from './worker.config.ts';
import { startWorker } from './worker-runtime.ts';

const config = loadWorkerConfig(process.env);
// First, so spans, uncaught exceptions and unhandled rejections of everything below are reported.
const telemetry = startTelemetry('worker', config);
const logger = createLogger({
  service: 'worker',
  level: config.LOG_LEVEL,
  version: config.SERVICE_VERSION,
  mixin: logCorrelationMixin,
});
const worker = await startWorker(config, logger, { errors: telemetry.errors });
logger.info({ queues: config.WORKER_QUEUES, concurrency: config.WORKER_CONCURRENCY }, 'worker consuming');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing jobs in flight');
  await worker.close();
  await telemetry.shutdown();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
