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

/**
 * A job that never ends must not hold the pod until the kubelet's SIGKILL: leave, loudly. Its lock
 * then expires and BullMQ's stalled check runs it again elsewhere; the pipeline reconciles a send of
 * unknown outcome first. The timer stays referenced, so a close hanging on nothing still ends here.
 */
function exitAtDeadline(seconds: number): void {
  setTimeout(() => {
    logger.error({ timeoutSeconds: seconds }, 'shutdown deadline passed: exiting with jobs unfinished');
    process.exit(1);
  }, seconds * 1000);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  exitAtDeadline(config.SHUTDOWN_TIMEOUT_SECONDS);
  logger.info({ signal }, 'shutting down: taking no new jobs, finishing jobs in flight');
  await worker.close();
  await telemetry.shutdown();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
