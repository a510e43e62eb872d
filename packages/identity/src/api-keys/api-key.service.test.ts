import { randomUUID } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountService } from '../accounts/account.service.ts';
import {
  IdentityConflict,
  InsufficientScope,
  InvalidApiKey,
  InvalidIdentityInput,
} from '../identity.errors.ts';
import { createPasswordHasher } from '../passwords/password-hasher.ts';
import { createIdentityFixture, testPepper, type IdentityFixture } from '../testing/identity-fixture.ts';
import { createApiKeyService } from './api-key.service.ts';

let fx: IdentityFixture;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let keys: ReturnType<typeof createApiKeyService>;
const scopes = ['scans:read', 'url-rules:write'];

beforeAll(async () => {
  fx = await createIdentityFixture();
  a = await fx.newTenant();
  b = await fx.newTenant();
  keys = createApiKeyService({ pool: fx.pool, pepper: testPepper() });
});
afterAll(() => fx.close());

const newKey = (tenantId = a.id, input: { expiresAt?: Date; scopes?: string[] } = {}) =>
  keys.create({ tenantId, name: 'CI export', scopes: input.scopes ?? scopes, expiresAt: input.expiresAt });

describe('API keys', () => {
  it('are shown once, authenticate to their tenant and scopes, and list without the secret', async () => {
    const { apiKey, key } = await newKey();
    expect(apiKey).toMatch(/^elk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.startsWith(key.keyPrefix)).toBe(true);
    expect(await keys.authenticate(apiKey, { requiredScopes: ['scans:read'] })).toEqual({
      tenantId: a.id,
      keyId: key.id,
      name: 'CI export',
      scopes,
    });
    const listed = await keys.list(a.id);
    expect(listed.map((k) => k.id)).toContain(key.id);
    expect(JSON.stringify(listed)).not.toContain(apiKey.slice(key.keyPrefix.length + 1));
    expect(await keys.list(b.id)).toEqual([]);
  });

  it('a dump of everything the app role can read from api_keys authenticates nothing', async () => {
    const { apiKey, key } = await newKey();
    const secret = apiKey.slice(key.keyPrefix.length + 1);
    const { rows } = await withTenant(fx.pool, a.id, (tx) => tx.query('SELECT * FROM api_keys'));
    expect(rows.length).toBeGreaterThan(0);
    const candidates = new Set<string>();
    for (const row of rows) {
      const hex = (row.id as string).replaceAll('-', '');
      for (const value of Object.values(row)) {
        const texts =
          value instanceof Buffer
            ? [value.toString('base64url'), value.toString('hex'), value.toString('base64')]
            : [String(value)];
        for (const text of texts) {
          expect(text).not.toContain(secret);
          candidates.add(text);
          candidates.add(`elk_${hex}_${text}`);
          candidates.add(`elk_${hex}_${text.slice(0, 43)}`);
        }
      }
    }
    let tried = 0;
    for (const candidate of candidates) {
      await expect(keys.authenticate(candidate)).rejects.toThrow(InvalidApiKey);
      tried += 1;
    }
    expect(tried).toBeGreaterThan(20);
    // And the real key still works: the dump was of live keys.
    await expect(keys.authenticate(apiKey)).resolves.toMatchObject({ keyId: key.id });
  });

  it('do not authenticate with the same table but another pepper', async () => {
    const { apiKey } = await newKey();
    const elsewhere = createApiKeyService({ pool: fx.pool, pepper: testPepper() });
    await expect(elsewhere.authenticate(apiKey)).rejects.toThrow(InvalidApiKey);
  });

  it('fail once revoked', async () => {
    const { apiKey, key } = await newKey();
    const revoked = await keys.revoke(a.id, key.id);
    expect(revoked.status).toBe('revoked');
    await expect(keys.authenticate(apiKey)).rejects.toThrow(InvalidApiKey);
  });

  it('fail once expired', async () => {
    const { apiKey, key } = await newKey(a.id, { expiresAt: new Date(Date.now() + 60_000) });
    await expect(keys.authenticate(apiKey)).resolves.toMatchObject({ keyId: key.id });
    await withTenant(fx.pool, a.id, (tx) =>
      tx.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]),
    );
    await expect(keys.authenticate(apiKey)).rejects.toThrow(InvalidApiKey);
    expect((await keys.list(a.id)).find((k) => k.id === key.id)?.status).toBe('expired');
    await expect(newKey(a.id, { expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(
      InvalidIdentityInput,
    );
  });

  it('fail for another tenant: on a route for tenant B, and with a secret of B under a key id of A', async () => {
    const ofA = await newKey(a.id);
    const ofB = await newKey(b.id);
    await expect(keys.authenticate(ofA.apiKey, { tenantId: b.id })).rejects.toThrow(InvalidApiKey);
    await expect(keys.authenticate(ofA.apiKey, { tenantId: a.id })).resolves.toMatchObject({
      tenantId: a.id,
    });
    const spliced = `${ofA.key.keyPrefix}_${ofB.apiKey.slice(ofB.key.keyPrefix.length + 1)}`;
    await expect(keys.authenticate(spliced)).rejects.toThrow(InvalidApiKey);
  });

  it('fail for a scope they lack (403, after authenticating)', async () => {
    const { apiKey } = await newKey(a.id, { scopes: ['scans:read'] });
    const attempt = keys.authenticate(apiKey, { requiredScopes: ['scans:read', 'users:manage'] });
    await expect(attempt).rejects.toThrow(InsufficientScope);
    await expect(attempt).rejects.toMatchObject({ status: 403, missing: ['users:manage'] });
  });

  it('fail for a suspended tenant, and for malformed or refresh-token-shaped input', async () => {
    const c = await fx.newTenant();
    const { apiKey } = await newKey(c.id);
    await withTenant(fx.pool, c.id, (tx) => tx.query(`UPDATE tenants SET status = 'suspended'`));
    await expect(keys.authenticate(apiKey)).rejects.toThrow(InvalidApiKey);
    for (const bad of [
      '',
      'elk_',
      apiKey.replace('elk_', 'ert_'),
      `${apiKey}=`,
      `elk_${randomUUID().replaceAll('-', '')}_${'A'.repeat(43)}`,
    ])
      await expect(keys.authenticate(bad)).rejects.toThrow(InvalidApiKey);
  });

  it('record last use, at most once a minute', async () => {
    const { apiKey, key } = await newKey();
    const lastUsed = async () =>
      (
        await withTenant(fx.pool, a.id, (tx) =>
          tx.query('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]),
        )
      ).rows[0].last_used_at as Date | null;
    expect(await lastUsed()).toBeNull();
    await keys.authenticate(apiKey);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await keys.authenticate(apiKey);
    expect(await lastUsed()).toEqual(first);
    await withTenant(fx.pool, a.id, (tx) =>
      tx.query(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [key.id]),
    );
    const before = await lastUsed();
    await keys.authenticate(apiKey);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(before!.getTime());
    // A failed attempt is not a use.
    const stale = await lastUsed();
    await expect(keys.authenticate(apiKey, { tenantId: b.id })).rejects.toThrow(InvalidApiKey);
    expect(await lastUsed()).toEqual(stale);
  });

  it('rotate: a new secret with the same scopes; the old key stops at once, or after the overlap', async () => {
    const original = await newKey();
    const rotated = await keys.rotate({ tenantId: a.id, keyId: original.key.id });
    expect(rotated.key).toMatchObject({ name: 'CI export', scopes, rotatedFrom: original.key.id });
    await expect(keys.authenticate(rotated.apiKey)).resolves.toMatchObject({ keyId: rotated.key.id });
    await expect(keys.authenticate(original.apiKey)).rejects.toThrow(InvalidApiKey);
    await expect(keys.rotate({ tenantId: a.id, keyId: original.key.id })).rejects.toThrow(IdentityConflict);

    const overlapped = await keys.rotate({ tenantId: a.id, keyId: rotated.key.id, overlapSeconds: 3_600 });
    await expect(keys.authenticate(rotated.apiKey)).resolves.toMatchObject({ keyId: rotated.key.id });
    await expect(keys.authenticate(overlapped.apiKey)).resolves.toMatchObject({ keyId: overlapped.key.id });
    const old = (await keys.list(a.id)).find((k) => k.id === rotated.key.id)!;
    expect(old.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
    await expect(
      keys.rotate({ tenantId: a.id, keyId: overlapped.key.id, overlapSeconds: 10 * 86_400 }),
    ).rejects.toThrow(InvalidIdentityInput);
  });

  it('cannot be revoked or rotated from another tenant', async () => {
    const { apiKey, key } = await newKey(a.id);
    await expect(keys.revoke(b.id, key.id)).rejects.toThrow(/not found/);
    await expect(keys.rotate({ tenantId: b.id, keyId: key.id })).rejects.toThrow(/not found/);
    await expect(keys.authenticate(apiKey)).resolves.toMatchObject({ keyId: key.id });
  });

  it('validate names, scopes and the creator', async () => {
    await expect(keys.create({ tenantId: a.id, name: ' ', scopes })).rejects.toThrow(InvalidIdentityInput);
    await expect(keys.create({ tenantId: a.id, name: 'x', scopes: [] })).rejects.toThrow(
      InvalidIdentityInput,
    );
    await expect(keys.create({ tenantId: a.id, name: 'x', scopes: ['drop table'] })).rejects.toThrow(
      InvalidIdentityInput,
    );
    const strict = createApiKeyService({
      pool: fx.pool,
      pepper: testPepper(),
      allowedScopes: ['scans:read'],
    });
    await expect(strict.create({ tenantId: a.id, name: 'x', scopes: ['scans:write'] })).rejects.toThrow(
      /unknown scope/,
    );
    const accounts = createAccountService({ pool: fx.pool, passwords: createPasswordHasher() });
    const userOfB = await accounts.createUser({
      tenantId: b.id,
      email: 'b@example.com',
      displayName: 'B',
      role: 'owner',
    });
    await expect(keys.create({ tenantId: a.id, name: 'x', scopes, createdBy: userOfB.id })).rejects.toThrow(
      /not a user of this tenant/,
    );
    const userOfA = await accounts.createUser({
      tenantId: a.id,
      email: 'a@example.com',
      displayName: 'A',
      role: 'owner',
    });
    const made = await keys.create({ tenantId: a.id, name: 'x', scopes, createdBy: userOfA.id });
    expect(made.key.createdBy).toBe(userOfA.id);
  });
});
