import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, throttleAddress } from './login-throttle.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const keyPrefix = `test:login-throttle:${randomUUID()}`;
afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const throttle = createLoginThrottle(redis, { keyPrefix, maxPerAccount: 3, maxPerIp: 5, windowSeconds: 60 });

describe('login throttle (real Redis)', () => {
  it('allows the account its attempts, then refuses with a retry-after inside the window', async () => {
    const input = { account: `tenant:a:${randomUUID()}@example.com`, ip: '203.0.113.1' };
    const decisions = [];
    for (let i = 0; i < 5; i += 1) decisions.push(await throttle.consume(input));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    for (const refused of decisions.slice(3)) {
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) {
        expect(refused.retryAfterSeconds).toBeGreaterThan(0);
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    }
    // Another address does not help the attacker: the account itself is locked.
    expect((await throttle.consume({ ...input, ip: '198.51.100.7' })).allowed).toBe(false);
  });

  it('limits one address across many accounts', async () => {
    const ip = '192.0.2.44';
    const results = [];
    for (let i = 0; i < 7; i += 1) results.push(await throttle.consume({ account: randomUUID(), ip }));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const results = [];
    for (let i = 0; i < 7; i += 1)
      results.push(await throttle.consume({ account: randomUUID(), ip: `2001:db8:aa:bb::${i + 1}` }));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect((await throttle.consume({ account: randomUUID(), ip: '2001:db8:aa:cc::1' })).allowed).toBe(true);
  });

  it('does not count refused attempts, and a success clears the account (not the address)', async () => {
    const account = randomUUID();
    const ip = '203.0.113.200';
    for (let i = 0; i < 3; i += 1) await throttle.consume({ account, ip });
    expect((await throttle.consume({ account, ip })).allowed).toBe(false);
    await throttle.reset(account);
    expect((await throttle.consume({ account, ip })).allowed).toBe(true);
    // The address has 4 counted attempts of 5: one more, then refused.
    expect((await throttle.consume({ account: randomUUID(), ip })).allowed).toBe(true);
    expect((await throttle.consume({ account: randomUUID(), ip })).allowed).toBe(false);
  });

  it('keeps no email address in Redis keys', async () => {
    await throttle.consume({ account: 'tenant:demo:alice@example.com', ip: '203.0.113.9' });
    const keys = await redis.keys(`${keyPrefix}:*`);
    expect(keys.some((k) => k.includes('alice'))).toBe(false);
  });

  it('survives Redis losing its script cache', async () => {
    await redis.script('FLUSH');
    expect(await throttle.consume({ account: randomUUID(), ip: '203.0.113.77' })).toEqual({ allowed: true });
  });
});

describe('throttleAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and cuts IPv6 to its /64', () => {
    expect(throttleAddress('203.0.113.5')).toBe('203.0.113.5');
    expect(throttleAddress('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(throttleAddress('2001:0db8:0000:0042:1:2:3:4')).toBe('2001:db8:0:42::/64');
    expect(throttleAddress('2001:db8:0:42::9')).toBe('2001:db8:0:42::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('not an address')).toBe('unknown');
  });
});
