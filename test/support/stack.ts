import { randomBytes } from 'node:crypto';
import { loadApiConfig } from '@elara/api/config';
import { startApi, type RunningApi } from '@elara/api/runtime';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient, type PrismaClient } from '@elara/db/prisma';
import { createLogger } from '@elara/logger/logger';
import { createSecretBox } from '@elara/secrets/secret-box';
import {
  createBuilders,
  type BuiltSender,
  type Builders,
  randomMessageSid,
  randomPhone,
} from '@elara/testkit/builders';
import { generateAuthSecrets } from '@elara/testkit/auth-secrets';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { createSandboxServer, type SandboxServer } from '@elara/twilio-sandbox/server';
import { signTwilioRequest } from '@elara/whatsapp/signature';
import { loadWorkerConfig } from '@elara/worker/config';
import { startWorker, type RunningWorker, type WorkerTelemetry } from '@elara/worker/runtime';
import { freePort } from '@elara/testkit/free-port';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = createLogger({ service: 'test', level: 'silent', version: 'test' });

// Re-exported for the tests that import it from here.
export { freePort };

export interface Stack {
  db: TestDatabase;
  pool: Pool;
  prisma: PrismaClient;
  redis: Redis;
  builders: Builders;
  sandbox: SandboxServer;
  sandboxUrl: string;
  api: RunningApi;
  publicBaseUrl: string;
  /** Environment shared by API and worker; spawned worker processes use it too. */
  env: Record<string, string>;
  worker: RunningWorker | null;
  startWorker(overrides?: Record<string, string>): Promise<RunningWorker>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Start an in-process worker (default true). */
  worker?: boolean;
  env?: Record<string, string>;
  /** PUBLIC_BASE_URL as Twilio sees it; default: the API's own address. */
  publicBaseUrl?: string;
  /** Error reporting for the in-process workers (e.g. a collector standing in for Sentry). */
  workerTelemetry?: WorkerTelemetry;
}

/** The real API, worker, Postgres (own database), Redis (own key prefix) and Twilio sandbox. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const sandbox = createSandboxServer({ log: () => undefined });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const port = await freePort();
  const publicBaseUrl = options.publicBaseUrl ?? `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATABASE_URL: db.appUrl,
    DATABASE_POOL_MAX: '10',
    REDIS_URL,
    REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    ELARA_SECRETS_KEY: randomBytes(32).toString('base64'),
    ...generateAuthSecrets(),
    LOG_LEVEL: 'silent',
    TWILIO_API_BASE_URL: sandboxUrl,
    TWILIO_TIMEOUT_MS: '1000',
    SEND_ATTEMPTS: '3',
    SEND_BACKOFF_MS: '100',
    PUBLIC_BASE_URL: publicBaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    WORKER_STALLED_INTERVAL_MS: '1000',
    // Off unless a test asks: parallel stacks and spawned workers would share the default ports.
    METRICS_PORT: '0',
    ...options.env,
  };
  const api = await startApi(loadApiConfig(env), silent);
  const pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'test' });
  const prisma = createPrismaClient(db.appUrl);
  const redis = new Redis(REDIS_URL);
  const builders = createBuilders({ prisma, secretBox: createSecretBox(env.ELARA_SECRETS_KEY!) });
  const workers: RunningWorker[] = [];
  const stack: Stack = {
    db,
    pool,
    prisma,
    redis,
    builders,
    sandbox,
    sandboxUrl,
    api,
    publicBaseUrl,
    env,
    worker: null,
    async startWorker(overrides = {}) {
      const worker = await startWorker(
        loadWorkerConfig({ ...env, ...overrides }),
        silent,
        options.workerTelemetry,
      );
      workers.push(worker);
      stack.worker = worker;
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await api.close();
      await sandbox.close();
      const keys = await redis.keys(`${env.REDIS_KEY_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await prisma.$disconnect();
      await pool.end();
      await db.drop();
    },
  };
  if (options.worker !== false) await stack.startWorker();
  return stack;
}

/** A tenant with one WhatsApp number, its Twilio account known to the sandbox. */
export async function newTenantWithSender(
  stack: Stack,
  tenant: Parameters<Builders['newTenant']>[0] = {},
): Promise<{ tenantId: string; sender: BuiltSender }> {
  const { id } = await stack.builders.newTenant(tenant);
  const sender = await stack.builders.newSender(id);
  stack.sandbox.addAccount(sender.accountSid, sender.authToken);
  return { tenantId: id, sender };
}

export interface InboundInput {
  sender: BuiltSender;
  from?: string;
  body?: string;
  messageSid?: string;
  /** Sign with this token instead of the sender's. */
  signWith?: string;
  /** Sign for this URL instead of the public one. */
  signedUrl?: string;
}

/** Twilio's inbound webhook form for a WhatsApp message. */
export function inboundParams(input: InboundInput): Record<string, string> {
  return {
    MessageSid: input.messageSid ?? randomMessageSid(),
    AccountSid: input.sender.accountSid,
    From: `whatsapp:${input.from ?? randomPhone()}`,
    To: `whatsapp:${input.sender.phoneNumber}`,
    Body: input.body ?? 'hello',
    NumMedia: '0',
    ProfileName: 'Test User',
    WaId: '15550001111',
  };
}

/** POSTs a signed inbound webhook, as Twilio would. */
export async function postInbound(
  stack: Stack,
  input: InboundInput,
  params = inboundParams(input),
): Promise<Response> {
  const path = '/webhooks/twilio/whatsapp';
  const signature = signTwilioRequest(
    input.signWith ?? input.sender.authToken,
    input.signedUrl ?? stack.publicBaseUrl + path,
    params,
  );
  return fetch(stack.api.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
