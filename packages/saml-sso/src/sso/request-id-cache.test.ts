import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createAssertionReplayCache } from './assertion-replay-cache.ts';
import { createRequestIdCache } from './request-id-cache.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const keyPrefix = `test:saml-cache:${randomUUID()}`;
afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const requestId = () => `_${randomBytes(20).toString('hex')}`;
const cacheFor = (tenantId: string, ttlMs = 60_000) =>
  createRequestIdCache({ redis, keyPrefix, tenantId, ttlMs });

describe('request-id cache (node-saml CacheProvider on Redis)', () => {
  it('stores once (SET NX), reads, and hands the value to exactly one remover', async () => {
    const cache = cacheFor('t1');
    const id = requestId();
    expect(await cache.saveAsync(id, '2024-01-01T00:00:00.000Z')).toMatchObject({
      value: '2024-01-01T00:00:00.000Z',
    });
    expect(await cache.saveAsync(id, 'again')).toBeNull();
    expect(await cache.getAsync(id)).toBe('2024-01-01T00:00:00.000Z');
    const removals = await Promise.all([cache.removeAsync(id), cache.removeAsync(id), cache.removeAsync(id)]);
    expect(removals.filter((v) => v !== null)).toEqual(['2024-01-01T00:00:00.000Z']);
    expect(await cache.getAsync(id)).toBeNull();
  });

  it('keeps tenants apart', async () => {
    const id = requestId();
    await cacheFor('t1').saveAsync(id, 'x');
    expect(await cacheFor('t2').getAsync(id)).toBeNull();
    expect(await cacheFor('t2').removeAsync(id)).toBeNull();
    expect(await cacheFor('t1').getAsync(id)).toBe('x');
  });

  it('expires entries after the request lifetime', async () => {
    const cache = cacheFor('t1', 50);
    const id = requestId();
    await cache.saveAsync(id, 'x');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await cache.getAsync(id)).toBeNull();
  });

  it('never turns an attacker-chosen id into a key', async () => {
    const cache = cacheFor('t1');
    expect(await cache.getAsync('*')).toBeNull();
    expect(await cache.removeAsync("x' or '1'='1")).toBeNull();
    await expect(cache.saveAsync('not-ours', 'x')).rejects.toThrow(TypeError);
  });
});

describe('assertion replay cache', () => {
  it('claims an assertion ID once per tenant and issuer, until it could no longer be accepted', async () => {
    const replay = createAssertionReplayCache({ redis, keyPrefix });
    const claim = {
      tenantId: 't1',
      issuer: 'https://idp.test',
      assertionId: '_abc',
      keepUntilMs: Date.now() + 60_000,
    };
    expect(await replay.claim(claim)).toBe(true);
    expect(await replay.claim(claim)).toBe(false);
    expect(await replay.claim({ ...claim, tenantId: 't2' })).toBe(true);
    const keys = await redis.keys(`${keyPrefix}:saml:{t1}:assertion:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
