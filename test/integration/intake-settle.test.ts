import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient } from '@elara/db/prisma';
import { createLogger } from '@elara/logger/logger';
import { createIntakeService } from '@elara/pipeline/intake';
import { closeRedis, createProducer } from '@elara/queue/queues';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createBuilders, randomPhone } from '@elara/testkit/builders';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../support/stack.ts';

let db: TestDatabase;
let pool: Pool;
let redis: Redis;
const prefix = `test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'test' });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await closeRedis(redis);
  await pool.end();
  await db.drop();
});

describe('intake at shutdown', () => {
  it('settles an enqueue the webhook stopped waiting for, so closing the producer cuts nothing off', async () => {
    const prisma = createPrismaClient(db.appUrl);
    const builders = createBuilders({
      prisma,
      secretBox: createSecretBox(randomBytes(32).toString('base64')),
    });
    const tenant = await builders.newTenant();
    const sender = await builders.newSender(tenant.id);
    await prisma.$disconnect();

    const settings = { connection: redis, prefix, sendRetry: { attempts: 1, backoffMs: 0 } };
    const producer = createProducer('whatsapp-inbound', settings);
    // Redis answering slower than the webhook waits: the add is still running when the ack goes out.
    const slowProducer: typeof producer = {
      ...producer,
      addMany: async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return producer.addMany(...args);
      },
    };
    const logger = createLogger({ service: 'test', level: 'silent', version: 'test' });
    const intake = createIntakeService({ pool, producer: slowProducer, logger, enqueueTimeoutMs: 10 });
    const result = await intake.acceptInbound(
      { ...sender, senderId: sender.id, tenantActive: true },
      {
        messageSid: `SM${randomBytes(16).toString('hex')}`,
        fromPhone: randomPhone(),
        profileName: undefined,
        body: 'hi',
        media: [],
      },
    );
    expect(result).toMatchObject({ duplicate: false, queued: false });
    expect(await producer.queue.count()).toBe(0);

    await intake.settle();
    await producer.close();
    const check = createProducer('whatsapp-inbound', settings);
    expect(await check.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(1);
    await check.close();
  });
});
