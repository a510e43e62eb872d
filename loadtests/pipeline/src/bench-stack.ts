import { generateAuthSecrets } from '@elara/testkit/auth-secrets';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, ensureRoles, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { migrateDatabase } from '@elara/db/migrate';
import { createPrismaClient } from '@elara/db/prisma';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createTenantOnboarding } from '@elara/tenancy/onboarding';
import { ENTRY_POINTS, spawnService, waitForHttp, type ServiceProcess } from '@elara/testkit/processes';
import { Redis } from 'ioredis';

export interface BenchTenant {
  id: string;
  phoneNumber: string;
  accountSid: string;
  authToken: string;
}

export interface BenchOptions {
  adminUrl: string;
  redisUrl: string;
  tenants: number;
  workerConcurrency: number;
  workers: number;
  statusCallbacks: boolean;
  apiPort: number;
  sandboxPort: number;
  /** Write CPU profiles of the API and worker processes here (for `--profile`). */
  profileDir?: string | undefined;
}

export interface BenchStack {
  apiUrl: string;
  publicBaseUrl: string;
  sandboxUrl: string;
  tenants: BenchTenant[];
  processes: ServiceProcess[];
  teardown(): Promise<void>;
}

async function seedTenants(appUrl: string, secretsKey: string, count: number): Promise<BenchTenant[]> {
  const prisma = createPrismaClient(appUrl);
  const onboarding = createTenantOnboarding({ prisma, secretBox: createSecretBox(secretsKey) });
  const tenants: BenchTenant[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id } = await onboarding.createTenant({
      slug: `bench-${i}`,
      name: `Bench ${i}`,
      tier: 'enterprise',
      brandDomains: ['demobank.com'],
    });
    const sender = {
      phoneNumber: `+1444${String(i).padStart(7, '0')}`,
      accountSid: `AC${randomBytes(16).toString('hex')}`,
      authToken: randomBytes(16).toString('hex'),
    };
    await onboarding.addSender(id, sender);
    tenants.push({ id, ...sender });
  }
  await prisma.$disconnect();
  return tenants;
}

/** A private database, Redis prefix, sandbox, API and worker processes for one benchmark run. */
export async function startBenchStack(options: BenchOptions): Promise<BenchStack> {
  const database = `elara_bench_${process.pid}`;
  const prefix = `bench-${process.pid}`;
  await ensureRoles(options.adminUrl);
  await dropDatabase(options.adminUrl, database);
  await ensureDatabase(options.adminUrl, database);
  await migrateDatabase(withUserAndDatabase(options.adminUrl, ROLES.owner, database));
  const appUrl = withUserAndDatabase(options.adminUrl, ROLES.app, database);
  const secretsKey = randomBytes(32).toString('base64');
  const tenants = await seedTenants(appUrl, secretsKey, options.tenants);

  const apiUrl = `http://127.0.0.1:${options.apiPort}`;
  const sandboxUrl = `http://127.0.0.1:${options.sandboxPort}`;
  const env = {
    DATABASE_URL: appUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: prefix,
    ELARA_SECRETS_KEY: secretsKey,
    ...generateAuthSecrets(),
    PUBLIC_BASE_URL: apiUrl,
    LOG_LEVEL: 'warn',
    TWILIO_API_BASE_URL: sandboxUrl,
    STATUS_CALLBACKS: String(options.statusCallbacks),
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '10',
    // Fifty senders at the default 80/s would cap the run at 4,000/s: well above what we measure.
    SENDER_MESSAGES_PER_SECOND: '80',
    // Several workers share this env: their default metrics port would collide.
    METRICS_PORT: '0',
  };
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const processes = [
    spawnService('sandbox', ENTRY_POINTS.sandbox, {
      env: {
        SANDBOX_PORT: String(options.sandboxPort),
        SANDBOX_ACCOUNTS: tenants.map((t) => `${t.accountSid}:${t.authToken}`).join(','),
      },
    }),
    spawnService('api', ENTRY_POINTS.api, { env: { ...env, PORT: String(options.apiPort) }, nodeArgs }),
    ...Array.from({ length: options.workers }, (_, i) =>
      spawnService(`worker-${i}`, ENTRY_POINTS.worker, { env, nodeArgs }),
    ),
    // The relay runs as in production, so a lost job would be re-queued rather than reported lost.
    spawnService('scheduler', ENTRY_POINTS.scheduler, { env }),
  ];
  await waitForHttp(`${sandboxUrl}/__sandbox/health`);
  await waitForHttp(`${apiUrl}/health/ready`);

  return {
    apiUrl,
    publicBaseUrl: apiUrl,
    sandboxUrl,
    tenants,
    processes,
    async teardown() {
      await Promise.all(processes.map((p) => p.stop('SIGTERM')));
      const redis = new Redis(options.redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      for (let i = 0; i < keys.length; i += 1_000) await redis.del(...keys.slice(i, i + 1_000));
      redis.disconnect();
      if (!process.env.BENCH_KEEP_DB) await dropDatabase(options.adminUrl, database);
    },
  };
}
