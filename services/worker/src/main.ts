import { createLogger } from '@elara/logger/logger';
import { loadWorkerConfig } from './worker.config.ts';
import { startWorker } from './worker-runtime.ts';

const config = loadWorkerConfig(process.env);
const logger = createLogger({ service: 'worker', level: config.LOG_LEVEL, version: config.SERVICE_VERSION });
const worker = await startWorker(config, logger);
logger.info({ queues: config.WORKER_QUEUES, concurrency: config.WORKER_CONCURRENCY }, 'worker consuming');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing jobs in flight');
  await worker.close();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
