import { randomUUID } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountService } from './accounts/account.service.ts';
import { createApiKeyService } from './api-keys/api-key.service.ts';
import { createPasswordHasher } from './passwords/password-hasher.ts';
import { withPlatform } from './platform-context.ts';
import { createSessionService } from './sessions/session.service.ts';
import {
  createIdentityFixture,
  testAccessTokens,
  testPepper,
  type IdentityFixture,
} from './testing/identity-fixture.ts';

/*
 * Row-level security on the identity tables, as the application role: tenant A's context sees
 * none of tenant B's users, keys or tokens, and no tenant context sees the platform's rows.
 */
let fx: IdentityFixture;
const tenants: Record<'a' | 'b', { id: string; slug: string; userId: string; keyId: string }> = {} as never;
let platformAdminId: string;
const PASSWORD = 'correct horse battery staple';
const TABLES = ['admin_users', 'api_keys', 'refresh_tokens'];

beforeAll(async () => {
  fx = await createIdentityFixture();
  const passwords = createPasswordHasher();
  const accounts = createAccountService({ pool: fx.pool, passwords });
  const keys = createApiKeyService({ pool: fx.pool, pepper: testPepper() });
  const sessions = createSessionService({
    pool: fx.pool,
    passwords,
    throttle: fx.throttle(),
    accessTokens: testAccessTokens(),
  });
  for (const name of ['a', 'b'] as const) {
    const tenant = await fx.newTenant();
    const user = await accounts.createUser({
      tenantId: tenant.id,
      email: 'same@example.com',
      displayName: name,
      role: 'owner',
      password: PASSWORD,
    });
    const { key } = await keys.create({
      tenantId: tenant.id,
      name,
      scopes: ['scans:read'],
      createdBy: user.id,
    });
    await sessions.loginWithPassword({
      tenantSlug: tenant.slug,
      email: 'same@example.com',
      password: PASSWORD,
      ip: '203.0.113.1',
    });
    tenants[name] = { ...tenant, userId: user.id, keyId: key.id };
  }
  platformAdminId = (await accounts.createPlatformAdmin({ email: 'ops@elara.example', password: PASSWORD }))
    .id;
  await sessions.loginPlatformAdmin({ email: 'ops@elara.example', password: PASSWORD, ip: '203.0.113.1' });
});
afterAll(() => fx.close());

describe('identity tables under row-level security', () => {
  it('show tenant A only its own users, keys and tokens', async () => {
    for (const table of TABLES) {
      const seen = await withTenant(fx.pool, tenants.a.id, (tx) =>
        tx.query(`SELECT tenant_id FROM ${table}`),
      );
      expect(seen.rowCount, table).toBeGreaterThan(0);
      expect(new Set(seen.rows.map((r) => r.tenant_id)), table).toEqual(new Set([tenants.a.id]));
    }
  });

  it("cannot reach tenant B's rows by id from tenant A", async () => {
    const found = await withTenant(fx.pool, tenants.a.id, async (tx) => [
      ...(await tx.query('SELECT id FROM admin_users WHERE id = $1', [tenants.b.userId])).rows,
      ...(await tx.query('SELECT id FROM api_keys WHERE id = $1', [tenants.b.keyId])).rows,
      ...(await tx.query('SELECT id FROM refresh_tokens WHERE admin_user_id = $1', [tenants.b.userId])).rows,
    ]);
    expect(found).toEqual([]);
    const changed = await withTenant(fx.pool, tenants.a.id, async (tx) => {
      const revoked = await tx.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [
        tenants.b.keyId,
      ]);
      const disabled = await tx.query(`UPDATE admin_users SET status = 'disabled' WHERE id = $1`, [
        tenants.b.userId,
      ]);
      return (revoked.rowCount ?? 0) + (disabled.rowCount ?? 0);
    });
    expect(changed).toBe(0);
  });

  it('cannot insert a user or key into tenant B from tenant A', async () => {
    const insert = withTenant(fx.pool, tenants.a.id, (tx) =>
      tx.query(
        `INSERT INTO admin_users (tenant_id, email, display_name, role) VALUES ($1, 'x@example.com', 'x', 'owner')`,
        [tenants.b.id],
      ),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it('keeps platform admins and their tokens out of every tenant context, and out of no context at all', async () => {
    const fromTenant = await withTenant(fx.pool, tenants.a.id, async (tx) => ({
      admins: (await tx.query('SELECT id FROM platform_admins')).rowCount,
      platformTokens: (await tx.query('SELECT id FROM refresh_tokens WHERE tenant_id IS NULL')).rowCount,
    }));
    expect(fromTenant).toEqual({ admins: 0, platformTokens: 0 });
    const none = await fx.pool.query(
      'SELECT (SELECT count(*) FROM platform_admins)::int AS admins, (SELECT count(*) FROM refresh_tokens)::int AS tokens',
    );
    expect(none.rows[0]).toEqual({ admins: 0, tokens: 0 });
    const write = withTenant(fx.pool, tenants.a.id, (tx) =>
      tx.query(
        `INSERT INTO refresh_tokens (id, platform_admin_id, family_id, token_hash, expires_at, session_expires_at)
         VALUES ($1, $2, $1, decode(repeat('00', 32), 'hex'), now() + interval '1 day', now() + interval '1 day')`,
        [randomUUID(), platformAdminId],
      ),
    );
    await expect(write).rejects.toThrow(/row-level security/);
  });

  it('lets the platform context see the platform rows and no tenant rows', async () => {
    const seen = await withPlatform(fx.pool, async (tx) => ({
      admins: (await tx.query('SELECT id FROM platform_admins')).rows.map((r) => r.id),
      tokens: (await tx.query('SELECT tenant_id, platform_admin_id FROM refresh_tokens')).rows,
      users: (await tx.query('SELECT id FROM admin_users')).rowCount,
      keys: (await tx.query('SELECT id FROM api_keys')).rowCount,
      tenants: (await tx.query('SELECT id FROM tenants')).rowCount,
    }));
    expect(seen.admins).toEqual([platformAdminId]);
    expect(seen.tokens).toEqual([{ tenant_id: null, platform_admin_id: platformAdminId }]);
    expect(seen).toMatchObject({ users: 0, keys: 0, tenants: 0 });
  });

  it('answers the directory lookups with the tenant id only, for one exact key', async () => {
    const key = await fx.pool.query('SELECT * FROM resolve_api_key($1)', [tenants.b.keyId]);
    expect(key.rows).toEqual([{ tenant_id: tenants.b.id }]);
    expect((await fx.pool.query('SELECT * FROM resolve_api_key($1)', [randomUUID()])).rowCount).toBe(0);
    const slug = await fx.pool.query('SELECT * FROM resolve_tenant_slug($1)', [tenants.a.slug]);
    expect(slug.rows).toEqual([{ tenant_id: tenants.a.id, status: 'active', sso_only: false }]);
    expect((await fx.pool.query('SELECT * FROM resolve_tenant_slug($1)', ['%'])).rowCount).toBe(0);
    // The app cannot read the hashes through the directory's grants.
    await expect(fx.pool.query('SET ROLE elara_directory')).rejects.toThrow(/permission denied/);
  });
});
