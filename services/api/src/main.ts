import { createLogger } from '@elara/logger/logger';
import { loadApiConfig } from './api.config.ts';
import { startApi } from './api-runtime.ts';

const config = loadApiConfig(process.env);
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL, version: config.SERVICE_VERSION });
const api = await startApi(config, logger);
logger.info({ url: api.url }, 'api listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  await api.close();
  logger.info('api stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
