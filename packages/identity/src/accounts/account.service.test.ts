import { randomUUID } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityConflict, IdentityNotFound, InvalidIdentityInput } from '../identity.errors.ts';
import { createPasswordHasher } from '../passwords/password-hasher.ts';
import { createIdentityFixture, type IdentityFixture } from '../testing/identity-fixture.ts';
import { createAccountService } from './account.service.ts';

let fx: IdentityFixture;
let accounts: ReturnType<typeof createAccountService>;
let tenant: { id: string };
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  fx = await createIdentityFixture();
  accounts = createAccountService({ pool: fx.pool, passwords: createPasswordHasher() });
  tenant = await fx.newTenant();
});
afterAll(() => fx.close());

const user = (overrides: Partial<Parameters<typeof accounts.createUser>[0]> = {}) =>
  accounts.createUser({
    tenantId: tenant.id,
    email: `u-${randomUUID()}@example.com`,
    displayName: 'Someone',
    role: 'admin',
    password: PASSWORD,
    ...overrides,
  });

describe('tenant staff accounts', () => {
  it('store the email lowercased, only an argon2id hash, and never return it', async () => {
    const created = await user({ email: '  Alice.Smith@Example.COM ' });
    expect(created).toMatchObject({ email: 'alice.smith@example.com', hasPassword: true, status: 'active' });
    expect(created).not.toHaveProperty('passwordHash');
    const { rows } = await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query('SELECT password_hash FROM admin_users WHERE id = $1', [created.id]),
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await accounts.listUsers(tenant.id))).not.toContain('$argon2id$');
  });

  it('keep emails and SSO subjects unique per tenant, not across tenants', async () => {
    await user({ email: 'dup@example.com', ssoSubject: 'nameid-dup' });
    await expect(user({ email: 'DUP@example.com' })).rejects.toThrow(IdentityConflict);
    await expect(user({ ssoSubject: 'nameid-dup' })).rejects.toThrow(IdentityConflict);
    const other = await fx.newTenant();
    await expect(
      accounts.createUser({
        tenantId: other.id,
        email: 'dup@example.com',
        displayName: 'x',
        role: 'viewer',
        ssoSubject: 'nameid-dup',
      }),
    ).resolves.toMatchObject({ email: 'dup@example.com' });
  });

  it('may have no password (SSO only), and look up by NameID', async () => {
    const sso = await user({ password: undefined, ssoSubject: 'nameid-sso-only' });
    expect(sso.hasPassword).toBe(false);
    expect((await accounts.findUserBySsoSubject(tenant.id, 'nameid-sso-only'))?.id).toBe(sso.id);
    expect(await accounts.findUserBySsoSubject(tenant.id, 'nameid-unknown')).toBeNull();
    const linked = await accounts.setSsoSubject(tenant.id, sso.id, null);
    expect(linked.ssoSubject).toBeNull();
  });

  it('enforce the password policy and valid input', async () => {
    await expect(user({ password: 'short' })).rejects.toThrow(InvalidIdentityInput);
    await expect(user({ email: 'not-an-email' })).rejects.toThrow(InvalidIdentityInput);
    await expect(user({ role: 'superuser' as never })).rejects.toThrow(InvalidIdentityInput);
    await expect(user({ displayName: '' })).rejects.toThrow(InvalidIdentityInput);
  });

  it('never leave a tenant without an active owner', async () => {
    const fresh = await fx.newTenant();
    const owner = await accounts.createUser({
      tenantId: fresh.id,
      email: 'o1@example.com',
      displayName: 'O1',
      role: 'owner',
    });
    await expect(accounts.updateUser(fresh.id, owner.id, { role: 'admin' })).rejects.toThrow(
      IdentityConflict,
    );
    await expect(accounts.updateUser(fresh.id, owner.id, { status: 'disabled' })).rejects.toThrow(
      IdentityConflict,
    );
    const second = await accounts.createUser({
      tenantId: fresh.id,
      email: 'o2@example.com',
      displayName: 'O2',
      role: 'owner',
    });
    // Two concurrent demotions: only one may win.
    const results = await Promise.allSettled([
      accounts.updateUser(fresh.id, owner.id, { role: 'admin' }),
      accounts.updateUser(fresh.id, second.id, { role: 'admin' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = (await accounts.listUsers(fresh.id)).filter(
      (u) => u.role === 'owner' && u.status === 'active',
    );
    expect(owners).toHaveLength(1);
  });

  it('answer 404 for unknown users and for another tenant’s users', async () => {
    const created = await user();
    const other = await fx.newTenant();
    await expect(accounts.getUser(other.id, created.id)).rejects.toThrow(IdentityNotFound);
    await expect(accounts.updateUser(other.id, created.id, { role: 'viewer' })).rejects.toThrow(
      IdentityNotFound,
    );
    await expect(accounts.setPassword(other.id, created.id, 'another long password')).rejects.toThrow(
      IdentityNotFound,
    );
    await expect(accounts.getUser(tenant.id, 'not-a-uuid')).rejects.toThrow(IdentityNotFound);
    expect((await accounts.getUser(tenant.id, created.id)).role).toBe('admin');
  });
});

describe('platform admins', () => {
  it('are created, listed and disabled only in the platform context', async () => {
    const admin = await accounts.createPlatformAdmin({ email: 'Ops@Elara.example', password: PASSWORD });
    expect(admin).toMatchObject({ email: 'ops@elara.example', status: 'active' });
    expect((await accounts.listPlatformAdmins()).map((a) => a.id)).toContain(admin.id);
    await expect(
      accounts.createPlatformAdmin({ email: 'ops@elara.example', password: PASSWORD }),
    ).rejects.toThrow(IdentityConflict);
    expect((await accounts.updatePlatformAdmin(admin.id, { status: 'disabled' })).status).toBe('disabled');
    await expect(accounts.getPlatformAdmin(randomUUID())).rejects.toThrow(IdentityNotFound);
  });
});
