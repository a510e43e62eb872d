import { describe, expect, it } from 'vitest';
import { createPasswordHasher, OWASP_ARGON2ID } from './password-hasher.ts';

describe('password hasher (argon2id)', () => {
  const hasher = createPasswordHasher();

  it('stores argon2id with the OWASP parameters and a fresh salt each time', async () => {
    const a = await hasher.hash('correct horse battery staple');
    const b = await hasher.hash('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('accepts the password and rejects any other', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(stored, 'correct horse battery staple')).toEqual({
      valid: true,
      needsRehash: false,
    });
    expect((await hasher.verify(stored, 'correct horse battery stapl')).valid).toBe(false);
    expect((await hasher.verify(stored, 'Correct horse battery staple')).valid).toBe(false);
    expect((await hasher.verify(stored, '')).valid).toBe(false);
  });

  it('matches the same password however Unicode composes it (NFKC)', async () => {
    const stored = await hasher.hash('caf\u00e9 au lait 2024!');
    expect((await hasher.verify(stored, 'cafe\u0301 au lait 2024!')).valid).toBe(true);
  });

  it('answers invalid for a garbled hash instead of throwing', async () => {
    expect(await hasher.verify('$argon2id$v=19$garbage', 'anything at all')).toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('asks for a rehash when the stored parameters are not today’s, and only after a valid password', async () => {
    const weak = createPasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const old = await weak.hash('correct horse battery staple');
    expect(await hasher.verify(old, 'correct horse battery staple')).toEqual({
      valid: true,
      needsRehash: true,
    });
    expect(await hasher.verify(old, 'wrong password here')).toEqual({ valid: false, needsRehash: false });
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'.repeat(12)))).toBe(false);
    expect(weak.needsRehash(old)).toBe(false);
    expect(OWASP_ARGON2ID).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('costs a full argon2 verification when there is no user (no enumeration by timing)', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    await hasher.verify(null, 'warm up');
    // CPU time (argon2 runs on libuv's threads, which cpuUsage counts), not wall time: the shared
    // test machine's load moves wall time far more than the work itself.
    const cost = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const start = process.cpuUsage();
        await work();
        const used = process.cpuUsage(start);
        samples.push(used.user + used.system);
      }
      return samples.sort((x, y) => x - y)[3]!;
    };
    const known = await cost(() => hasher.verify(stored, 'wrong password here'));
    const unknown = await cost(() => hasher.verify(null, 'wrong password here'));
    expect((await hasher.verify(null, 'correct horse battery staple')).valid).toBe(false);
    // Same parameters, same work; a skipped verification would cost almost nothing.
    expect(unknown).toBeGreaterThan(known * 0.5);
    expect(unknown).toBeLessThan(known * 2);
  });
});
