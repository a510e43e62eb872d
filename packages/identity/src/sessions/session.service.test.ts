import { randomUUID } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountService } from '../accounts/account.service.ts';
import {
  AccountLocked,
  InvalidCredentials,
  InvalidToken,
  SsoRequired,
  TokenReused,
} from '../identity.errors.ts';
import { createPasswordHasher } from '../passwords/password-hasher.ts';
import { withPlatform } from '../platform-context.ts';
import {
  createIdentityFixture,
  testAccessTokens,
  type IdentityFixture,
} from '../testing/identity-fixture.ts';
import { createSessionService } from './session.service.ts';

const PASSWORD = 'correct horse battery staple';
let fx: IdentityFixture;
let tenant: { id: string; slug: string };
const passwords = createPasswordHasher();
const accessTokens = testAccessTokens();

let sessions: ReturnType<typeof createSessionService>;
let accounts: ReturnType<typeof createAccountService>;

const login = (email: string, password = PASSWORD, ip = '203.0.113.10', slug = tenant.slug) =>
  sessions.loginWithPassword({ tenantSlug: slug, email, password, ip });

async function newUser(
  overrides: { password?: string; role?: 'owner' | 'admin' | 'analyst' | 'viewer' } = {},
) {
  const email = `u-${randomUUID()}@example.com`;
  const user = await accounts.createUser({
    tenantId: tenant.id,
    email,
    displayName: 'Test User',
    role: overrides.role ?? 'admin',
    password: 'password' in overrides ? overrides.password : PASSWORD,
  });
  return { ...user, email };
}

beforeAll(async () => {
  fx = await createIdentityFixture();
  tenant = await fx.newTenant();
  sessions = createSessionService({ pool: fx.pool, passwords, throttle: fx.throttle(), accessTokens });
  accounts = createAccountService({ pool: fx.pool, passwords });
});
afterAll(() => fx.close());

describe('password login', () => {
  it('returns an access token for the user and a refresh token', async () => {
    const user = await newUser({ role: 'analyst' });
    const session = await login(user.email.toUpperCase());
    expect(session.refreshToken).toMatch(/^ert_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(session.role).toBe('analyst');
    expect(await accessTokens.verify(session.accessToken)).toMatchObject({
      sub: user.id,
      tid: tenant.id,
      role: 'analyst',
      sid: session.sessionId,
    });
    expect((await accounts.getUser(tenant.id, user.id)).lastLoginAt).toBeInstanceOf(Date);
  });

  it('answers every failure the same: wrong password, unknown user, unknown tenant, disabled, no password', async () => {
    const user = await newUser();
    const ssoOnly = await newUser({ password: undefined });
    const disabled = await newUser();
    await accounts.updateUser(tenant.id, disabled.id, { status: 'disabled' });
    await expect(login(user.email, 'wrong password, sorry')).rejects.toThrow(InvalidCredentials);
    await expect(login(`nobody-${randomUUID()}@example.com`)).rejects.toThrow(InvalidCredentials);
    await expect(login(user.email, PASSWORD, '203.0.113.10', 'no-such-tenant')).rejects.toThrow(
      InvalidCredentials,
    );
    await expect(login(disabled.email)).rejects.toThrow(InvalidCredentials);
    await expect(login(ssoOnly.email, '')).rejects.toThrow(InvalidCredentials);
    await expect(login(user.email, 'x'.repeat(10_000))).rejects.toThrow(InvalidCredentials);
  });

  it('cannot sign in to one tenant with another tenant’s account', async () => {
    const user = await newUser();
    const other = await fx.newTenant();
    await expect(login(user.email, PASSWORD, '203.0.113.10', other.slug)).rejects.toThrow(InvalidCredentials);
  });

  it('refuses password login when the tenant is SSO-only, and any login when it is suspended', async () => {
    const sso = await fx.newTenant({ ssoOnly: true });
    await expect(login('a@example.com', PASSWORD, '203.0.113.10', sso.slug)).rejects.toThrow(SsoRequired);
    const suspended = await fx.newTenant({ status: 'suspended' });
    const member = await accounts.createUser({
      tenantId: suspended.id,
      email: 'member@example.com',
      displayName: 'Member',
      role: 'owner',
      password: PASSWORD,
    });
    expect(member.hasPassword).toBe(true);
    await expect(login('member@example.com', PASSWORD, '203.0.113.10', suspended.slug)).rejects.toThrow(
      InvalidCredentials,
    );
  });

  it('locks an account after too many attempts, with a retry-after, even with the right password', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i += 1)
      await expect(login(user.email, 'wrong password, sorry', '198.51.100.1')).rejects.toThrow(
        InvalidCredentials,
      );
    const locked = login(user.email, PASSWORD, '198.51.100.2');
    await expect(locked).rejects.toThrow(AccountLocked);
    await expect(locked).rejects.toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
  });

  it('rehashes a password stored with old parameters at the next login', async () => {
    const user = await newUser();
    const weak = await createPasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 }).hash(PASSWORD);
    await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query('UPDATE admin_users SET password_hash = $1 WHERE id = $2', [weak, user.id]),
    );
    await login(user.email);
    const { rows } = await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query<{ password_hash: string }>('SELECT password_hash FROM admin_users WHERE id = $1', [user.id]),
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(passwords.needsRehash(rows[0]!.password_hash)).toBe(false);
    await expect(login(user.email)).resolves.toMatchObject({ role: 'admin' });
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh returns a new token in the same session, and the old one is spent', async () => {
    const user = await newUser();
    const first = await login(user.email);
    const second = await sessions.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.sessionExpiresAt).toEqual(first.sessionExpiresAt);
    expect((await accessTokens.verify(second.accessToken)).sub).toBe(user.id);
    const third = await sessions.refresh(second.refreshToken);
    expect(third.sessionId).toBe(first.sessionId);
  });

  it('detects reuse: replaying a spent token revokes the family, so the newest token fails too', async () => {
    const user = await newUser();
    const stolen = await login(user.email);
    const legit = await sessions.refresh(stolen.refreshToken);
    await expect(sessions.refresh(stolen.refreshToken)).rejects.toThrow(TokenReused);
    await expect(sessions.refresh(legit.refreshToken)).rejects.toThrow(InvalidToken);
    const { rows } = await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query('SELECT revoked_reason FROM refresh_tokens WHERE family_id = $1', [stolen.sessionId]),
    );
    expect(rows.map((r) => r.revoked_reason)).toEqual(['reuse', 'reuse']);
    // Other sessions of the same user are untouched.
    const other = await login(user.email);
    await expect(sessions.refresh(other.refreshToken)).resolves.toMatchObject({ sessionId: other.sessionId });
  });

  it('lets only one of two concurrent refreshes of the same token succeed', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const results = await Promise.allSettled([
      sessions.refresh(session.refreshToken),
      sessions.refresh(session.refreshToken),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TokenReused);
  });

  it('rejects a right id with a wrong secret, without touching the session', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const forged = `${session.refreshToken.slice(0, 37)}${'A'.repeat(43)}`;
    await expect(sessions.refresh(forged)).rejects.toThrow(InvalidToken);
    await expect(sessions.refresh(session.refreshToken)).resolves.toMatchObject({
      sessionId: session.sessionId,
    });
    await expect(sessions.refresh('ert_garbage')).rejects.toThrow(InvalidToken);
    await expect(
      sessions.refresh(`ert_${randomUUID().replaceAll('-', '')}_${'A'.repeat(43)}`),
    ).rejects.toThrow(InvalidToken);
  });

  it('expires after the idle time, and never outlives the session’s absolute expiry', async () => {
    const user = await newUser();
    const idle = await login(user.email);
    await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [
        idle.sessionId,
      ]),
    );
    await expect(sessions.refresh(idle.refreshToken)).rejects.toThrow(InvalidToken);

    const short = createSessionService({
      pool: fx.pool,
      passwords,
      throttle: fx.throttle(),
      accessTokens,
      refreshIdleSeconds: 3_600,
      refreshAbsoluteSeconds: 5_400,
    });
    const session = await short.loginWithPassword({
      tenantSlug: tenant.slug,
      email: user.email,
      password: PASSWORD,
      ip: '203.0.113.11',
    });
    const lifetime = (session.sessionExpiresAt.getTime() - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(5_300);
    expect(lifetime).toBeLessThanOrEqual(5_400);
    // As if the session were nearly at its absolute end.
    await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query(
        `UPDATE refresh_tokens SET session_expires_at = now() + interval '10 minutes',
                                   expires_at = now() + interval '10 minutes' WHERE family_id = $1`,
        [session.sessionId],
      ),
    );
    const next = await short.refresh(session.refreshToken);
    // The child's idle expiry (an hour) is capped by the session's end (ten minutes).
    expect(next.refreshTokenExpiresAt.getTime()).toBe(next.sessionExpiresAt.getTime());
    expect(next.sessionExpiresAt.getTime() - Date.now()).toBeLessThan(11 * 60_000);
  });

  it('ends a disabled user’s sessions: disabling revokes them, and a refresh checks again', async () => {
    const user = await newUser();
    const session = await login(user.email);
    await accounts.updateUser(tenant.id, user.id, { status: 'disabled' });
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(InvalidToken);

    // Disabled behind the service's back (no revocation): the refresh itself checks, and revokes.
    const other = await newUser();
    const kept = await login(other.email);
    await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query(`UPDATE admin_users SET status = 'disabled' WHERE id = $1`, [other.id]),
    );
    await expect(sessions.refresh(kept.refreshToken)).rejects.toThrow(InvalidToken);
    const { rows } = await withTenant(fx.pool, tenant.id, (tx) =>
      tx.query('SELECT revoked_reason FROM refresh_tokens WHERE family_id = $1', [kept.sessionId]),
    );
    expect(rows).toEqual([{ revoked_reason: 'account' }]);
  });

  it('ends sessions when the tenant is suspended', async () => {
    const other = await fx.newTenant();
    await accounts.createUser({
      tenantId: other.id,
      email: 'owner@example.com',
      displayName: 'Owner',
      role: 'owner',
      password: PASSWORD,
    });
    const session = await login('owner@example.com', PASSWORD, '203.0.113.12', other.slug);
    await withTenant(fx.pool, other.id, (tx) => tx.query(`UPDATE tenants SET status = 'suspended'`));
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(InvalidToken);
  });

  it('carries a changed role into the next access token', async () => {
    const user = await newUser({ role: 'viewer' });
    const session = await login(user.email);
    await accounts.updateUser(tenant.id, user.id, { role: 'analyst' });
    const next = await sessions.refresh(session.refreshToken);
    expect((await accessTokens.verify(next.accessToken)).role).toBe('analyst');
  });

  it('revokes every session when the password changes', async () => {
    const user = await newUser();
    const a = await login(user.email);
    const b = await login(user.email);
    await accounts.setPassword(tenant.id, user.id, 'a brand new passphrase');
    await expect(sessions.refresh(a.refreshToken)).rejects.toThrow(InvalidToken);
    await expect(sessions.refresh(b.refreshToken)).rejects.toThrow(InvalidToken);
    await expect(login(user.email)).rejects.toThrow(InvalidCredentials);
    await expect(login(user.email, 'a brand new passphrase')).resolves.toMatchObject({ role: 'admin' });
  });
});

describe('logout', () => {
  it('revokes the whole family; unknown tokens are ignored', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const next = await sessions.refresh(session.refreshToken);
    await sessions.logout(next.refreshToken);
    await expect(sessions.refresh(next.refreshToken)).rejects.toThrow(InvalidToken);
    await expect(sessions.logout('ert_nonsense')).resolves.toBeUndefined();
  });

  it('signs a user out everywhere', async () => {
    const user = await newUser();
    const a = await login(user.email);
    const b = await login(user.email);
    expect(
      await sessions.revokeAllSessions({ kind: 'tenant_user', tenantId: tenant.id, userId: user.id }),
    ).toBe(2);
    await expect(sessions.refresh(a.refreshToken)).rejects.toThrow(InvalidToken);
    await expect(sessions.refresh(b.refreshToken)).rejects.toThrow(InvalidToken);
  });
});

describe('SSO sessions', () => {
  it('start for the active user with that NameID, and for no one else', async () => {
    const user = await accounts.createUser({
      tenantId: tenant.id,
      email: `sso-${randomUUID()}@example.com`,
      displayName: 'SSO User',
      role: 'viewer',
      ssoSubject: 'nameid-123',
    });
    const session = await sessions.startSsoSession({ tenantId: tenant.id, ssoSubject: 'nameid-123' });
    expect(await accessTokens.verify(session.accessToken)).toMatchObject({ sub: user.id, role: 'viewer' });
    const other = await fx.newTenant();
    await expect(sessions.startSsoSession({ tenantId: other.id, ssoSubject: 'nameid-123' })).rejects.toThrow(
      InvalidCredentials,
    );
    await expect(sessions.startSsoSession({ tenantId: tenant.id, ssoSubject: 'nameid-999' })).rejects.toThrow(
      InvalidCredentials,
    );
  });
});

describe('platform admins', () => {
  it('log in, refresh and log out in the platform context, with no tenant', async () => {
    const email = `ops-${randomUUID()}@elara.example`;
    const admin = await accounts.createPlatformAdmin({ email, password: PASSWORD });
    const session = await sessions.loginPlatformAdmin({ email, password: PASSWORD, ip: '203.0.113.20' });
    expect(await accessTokens.verify(session.accessToken)).toMatchObject({
      sub: admin.id,
      tid: null,
      role: 'platform_admin',
    });
    const next = await sessions.refresh(session.refreshToken);
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(TokenReused);
    await expect(sessions.refresh(next.refreshToken)).rejects.toThrow(InvalidToken);
    const again = await sessions.loginPlatformAdmin({ email, password: PASSWORD, ip: '203.0.113.20' });
    await sessions.logout(again.refreshToken);
    await expect(sessions.refresh(again.refreshToken)).rejects.toThrow(InvalidToken);
    const tokens = await withPlatform(fx.pool, (tx) =>
      tx.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE platform_admin_id = $1', [admin.id]),
    );
    expect(tokens.rows[0].n).toBe(3);
  });

  it('cannot log in with a tenant user’s password, nor a disabled operator', async () => {
    const user = await newUser();
    await expect(
      sessions.loginPlatformAdmin({ email: user.email, password: PASSWORD, ip: '203.0.113.21' }),
    ).rejects.toThrow(InvalidCredentials);
    const email = `ops-${randomUUID()}@elara.example`;
    const admin = await accounts.createPlatformAdmin({ email, password: PASSWORD });
    const session = await sessions.loginPlatformAdmin({ email, password: PASSWORD, ip: '203.0.113.21' });
    await accounts.updatePlatformAdmin(admin.id, { status: 'disabled' });
    await expect(
      sessions.loginPlatformAdmin({ email, password: PASSWORD, ip: '203.0.113.21' }),
    ).rejects.toThrow(InvalidCredentials);
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(InvalidToken);
  });
});
