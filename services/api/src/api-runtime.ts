import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool } from '@elara/db/pool';
import { createPrismaClient } from '@elara/db/prisma';
import type { Logger } from '@elara/logger/logger';
import { createMetrics } from '@elara/metrics/metrics';
import { startMetricsServer, type MetricsServer } from '@elara/metrics/server';
import { createIntakeService } from '@elara/pipeline/intake';
import { createStatusCallbackService } from '@elara/pipeline/status';
import { closeRedis, createProducer } from '@elara/queue/queues';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createSenderDirectory } from '@elara/whatsapp/senders';
import { Redis } from 'ioredis';
import type { ApiConfig } from './api.config.ts';
import { createAdminApi } from './admin-api/admin-api.ts';
import { createApp } from './app.ts';
import { createDetailedHealthCheck } from './health-checks.ts';
import { trackConnections } from './http/connection-drain.ts';

export interface RunningApi {
  url: string;
  server: Server;
  /** Where Prometheus scrapes this process (`METRICS_PORT`), or null when it is 0. */
  metricsUrl: string | null;
  /**
   * Readiness fails at once; after `SHUTDOWN_DRAIN_SECONDS` the listener closes and the requests in
   * flight finish (answered with `Connection: close`), then pools and connections close.
   */
  close(): Promise<void>;
}

/** Builds the API from its config and starts listening: main.ts and the tests both use this. */
/** What the API reports unexpected errors to (Sentry through `@elara/telemetry`, when configured). */
export type ApiErrorReporter = (error: unknown, context: { route: string }) => void;

export async function startApi(
  config: ApiConfig,
  logger: Logger,
  reportError?: ApiErrorReporter,
): Promise<RunningApi> {
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'elara-api',
  });
  // Fail fast rather than queue commands while Redis is away: the relay covers a failed enqueue.
  const redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const producer = createProducer('whatsapp-inbound', {
    connection: redis,
    prefix: config.REDIS_KEY_PREFIX,
    sendRetry: { attempts: config.SEND_ATTEMPTS, backoffMs: config.SEND_BACKOFF_MS },
  });
  const prisma = createPrismaClient(config.DATABASE_URL);
  const secretBox = createSecretBox(config.ELARA_SECRETS_KEY);
  const metrics = createMetrics({ service: 'api' });
  // Read-only here: the operators' health check reports the maintenance queue's depth too.
  const maintenance = createProducer('maintenance', {
    connection: redis,
    prefix: config.REDIS_KEY_PREFIX,
    sendRetry: { attempts: 1, backoffMs: 0 },
  });
  let shuttingDown = false;
  const intake = createIntakeService({ pool, producer, logger });
  const app = createApp({
    logger,
    webhooks: {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      senders: createSenderDirectory({
        pool,
        secretBox,
        onLookup: (result) => metrics.senderCacheLookups.inc({ result }),
      }),
      intake,
      statusCallbacks: createStatusCallbackService({ pool }),
      metrics,
    },
    adminApi: createAdminApi({
      config,
      pool,
      prisma,
      secretBox,
      producer,
      redis,
      logger,
      ...(reportError ? { reportError } : {}),
    }),
    ...(reportError ? { reportError } : {}),
    health: {
      isShuttingDown: () => shuttingDown,
      checkDependencies: async () => {
        await pool.query('SELECT 1');
        await redis.ping();
      },
    },
    detailedHealth: {
      token: config.HEALTH_DETAILED_TOKEN,
      check: createDetailedHealthCheck({
        pool,
        redis,
        queues: [producer.queue, maintenance.queue],
        twilioBaseUrl: config.TWILIO_API_BASE_URL ?? 'https://api.twilio.com',
        version: config.SERVICE_VERSION,
      }),
    },
  });
  const server = createServer(app);
  // Longer than the idle timeout of the load balancers in front (60 s on AWS), so they close first.
  server.keepAliveTimeout = 65_000;
  const connections = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const metricsServer: MetricsServer | null =
    config.METRICS_PORT === 0
      ? null
      : await startMetricsServer({
          registry: metrics.registry,
          host: config.METRICS_HOST,
          port: config.METRICS_PORT,
        });
  return {
    url: `http://${config.HOST}:${port}`,
    server,
    metricsUrl: metricsServer?.url ?? null,
    async close() {
      shuttingDown = true;
      // Still serving while load balancers notice the failing readiness, telling clients to move.
      connections.answerWithClose();
      await new Promise((r) => setTimeout(r, config.SHUTDOWN_DRAIN_SECONDS * 1000));
      await connections.close();
      await metricsServer?.close();
      await intake.settle();
      await producer.close();
      await maintenance.close();
      await closeRedis(redis);
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
