import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';
import { createSenderPacer } from './sender-pacer.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test:${randomUUID()}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('rate limiter (real Redis)', () => {
  const limiter = createRateLimiter(redis, prefix);
  const limits = { userPerMinute: 3, userPerDay: 100, tenantPerMinute: 5 };

  it('lets a user through up to the limit, then notifies exactly once', async () => {
    const input = { tenantId: randomUUID(), userId: randomUUID(), limits };
    const decisions = [];
    for (let i = 0; i < 6; i += 1) decisions.push(await limiter.check(input));
    expect(decisions.slice(0, 3).every((d) => d.allowed)).toBe(true);
    expect(decisions.slice(3)).toEqual([
      { allowed: false, scope: 'user', notify: true },
      { allowed: false, scope: 'user', notify: false },
      { allowed: false, scope: 'user', notify: false },
    ]);
  });

  it('limits the tenant across users, and rejected users do not use the tenant budget', async () => {
    const tenantId = randomUUID();
    const users = Array.from({ length: 7 }, () => randomUUID());
    const results = [];
    for (const userId of users) results.push(await limiter.check({ tenantId, userId, limits }));
    expect(results.filter((d) => d.allowed)).toHaveLength(5);
    expect(results[5]).toEqual({ allowed: false, scope: 'tenant', notify: true });
  });

  it('keeps tenants apart', async () => {
    const userId = randomUUID();
    for (let i = 0; i < 3; i += 1) await limiter.check({ tenantId: randomUUID(), userId, limits });
    expect(await limiter.check({ tenantId: randomUUID(), userId, limits })).toEqual({ allowed: true });
  });

  it('survives Redis losing its script cache', async () => {
    await redis.script('FLUSH');
    expect(await limiter.check({ tenantId: randomUUID(), userId: randomUUID(), limits })).toEqual({
      allowed: true,
    });
  });
});

describe('sender pacer (real Redis)', () => {
  it('allows a one-second burst at the configured rate, then asks to wait', async () => {
    const pacer = createSenderPacer(redis, prefix, 10);
    const sender = randomUUID();
    const waits = [];
    for (let i = 0; i < 12; i += 1) waits.push(await pacer.reserve(sender));
    expect(waits.slice(0, 10).every((w) => w === 0)).toBe(true);
    expect(waits[10]).toBeGreaterThan(0);
    expect(waits[10]).toBeLessThanOrEqual(100);
  });
});
