import { randomUUID } from 'node:crypto';
import type { Pool } from '@elara/db/pool';
import { withTenant, type TenantTx } from '@elara/db/tenant';
import {
  activeUserRole,
  findAdminUser,
  findPlatformAdmin,
  isPlatformAdminActive,
  recordPasswordLogin,
  recordPlatformLogin,
  recordSsoLogin,
} from '../accounts/account.repo.ts';
import { resolveRefreshTokenOwner, resolveTenantSlug, type Owner } from '../directory.repo.ts';
import {
  AccountLocked,
  InvalidCredentials,
  InvalidToken,
  SsoRequired,
  TokenReused,
} from '../identity.errors.ts';
import { isValidEmail, normalizeEmail, PLATFORM_ROLE, type Role, type Subject } from '../identity.types.ts';
import type { LoginThrottle } from '../passwords/login-throttle.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { isPlausiblePassword } from '../passwords/password-policy.ts';
import { withPlatform } from '../platform-context.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import {
  hashRefreshToken,
  newRefreshToken,
  parseRefreshToken,
  refreshTokenMatches,
} from './refresh-token.ts';
import {
  insertRefreshToken,
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeFamily,
  revokeSubjectSessions,
  subjectOf,
  type NewRefreshToken,
} from './refresh-token.repo.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface SessionServiceDeps {
  pool: Pool;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  accessTokens: AccessTokens;
  /** `AUTH_REFRESH_IDLE_SECONDS`: a refresh token unused this long expires (7 days by default). */
  refreshIdleSeconds?: number;
  /** `AUTH_REFRESH_ABSOLUTE_SECONDS`: a session ends this long after login (30 days by default). */
  refreshAbsoluteSeconds?: number;
}

/** What a login or refresh hands the client. */
export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  accessTokenExpiresAt: Date;
  /** Opaque, single use: each refresh returns the next one. */
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  /** The absolute end of the session, whatever the refreshes. */
  sessionExpiresAt: Date;
  /** The refresh-token family; the access token's `sid`. */
  sessionId: string;
  subject: Subject;
  role: Role;
}

interface StartedRefresh {
  token: string;
  familyId: string;
  expiresAt: Date;
  sessionExpiresAt: Date;
}

type RotateOutcome =
  | { kind: 'rotated'; subject: Subject; role: Role; refresh: StartedRefresh }
  | { kind: 'reused' }
  | { kind: 'invalid' };

/**
 * Logins (password, SSO), refresh-token rotation with reuse detection, and logout. Tenant users'
 * tokens live under their tenant's row-level security, platform admins' in the platform context.
 */
export function createSessionService(deps: SessionServiceDeps) {
  const { pool, passwords, throttle, accessTokens } = deps;
  const absoluteSeconds = deps.refreshAbsoluteSeconds ?? 30 * 86_400;
  const idleSeconds = Math.min(deps.refreshIdleSeconds ?? 7 * 86_400, absoluteSeconds);

  const inContext = <T>(owner: NonNullable<Owner>, work: (tx: TenantTx) => Promise<T>) =>
    owner.kind === 'tenant' ? withTenant(pool, owner.tenantId, work) : withPlatform(pool, work);

  /** Inserts one refresh token: the first of a new family, or the child of `parent`. */
  const addRefreshToken = async (
    tx: TenantTx,
    subject: Subject,
    family: { familyId: string; parentId: string; sessionExpiresAt: Date } | null,
  ): Promise<StartedRefresh> => {
    const token = newRefreshToken();
    const row: NewRefreshToken = {
      id: token.id,
      subject,
      familyId: family?.familyId ?? randomUUID(),
      parentId: family?.parentId ?? null,
      tokenHash: hashRefreshToken(token),
      idleSeconds,
      sessionEnd: family ? { at: family.sessionExpiresAt } : { absoluteSeconds },
    };
    const expiry = await insertRefreshToken(tx, row);
    return { token: token.token, familyId: row.familyId, ...expiry };
  };

  const issue = async (subject: Subject, role: Role, refresh: StartedRefresh): Promise<SessionTokens> => {
    const access = await accessTokens.issue({ subject, role, sessionId: refresh.familyId });
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      sessionExpiresAt: refresh.sessionExpiresAt,
      sessionId: refresh.familyId,
      subject,
      role,
    };
  };

  const consumeAttempt = async (account: string, ip: string) => {
    const decision = await throttle.consume({ account, ip });
    if (!decision.allowed) throw new AccountLocked(decision.retryAfterSeconds);
  };

  /** The role a session may carry on with, or null when its subject may no longer sign in. */
  const currentRole = async (tx: TenantTx, subject: Subject): Promise<Role | null> =>
    subject.kind === 'tenant_user'
      ? activeUserRole(tx, subject.tenantId, subject.userId)
      : (await isPlatformAdminActive(tx, subject.adminId))
        ? PLATFORM_ROLE
        : null;

  const rotate = async (
    tx: TenantTx,
    presented: { id: string; secret: string; token: string },
  ): Promise<RotateOutcome> => {
    const row = await lockRefreshToken(tx, presented.id);
    // A wrong secret changes nothing: knowing an id must not let anyone end someone's session.
    if (!row || !refreshTokenMatches(presented, row.token_hash)) return { kind: 'invalid' };
    if (row.used_at) {
      await revokeFamily(tx, row.family_id, 'reuse');
      return { kind: 'reused' };
    }
    if (row.revoked_at || row.expired) return { kind: 'invalid' };
    const subject = subjectOf(row);
    const role = await currentRole(tx, subject);
    if (!role) {
      await revokeFamily(tx, row.family_id, 'account');
      return { kind: 'invalid' };
    }
    await markRefreshTokenUsed(tx, row.id);
    const refresh = await addRefreshToken(tx, subject, {
      familyId: row.family_id,
      parentId: row.id,
      sessionExpiresAt: row.session_expires_at,
    });
    return { kind: 'rotated', subject, role, refresh };
  };

  return {
    /**
     * Password login of a tenant's staff member. Every failure is `InvalidCredentials` and costs
     * one argon2 verification, known user or not; `AccountLocked` when throttled; `SsoRequired`
     * when the tenant allows only SSO.
     */
    async loginWithPassword(input: {
      tenantSlug: string;
      email: string;
      password: string;
      ip: string;
    }): Promise<SessionTokens> {
      const slug = input.tenantSlug.trim().toLowerCase();
      const email = normalizeEmail(input.email);
      const account = `tenant:${slug}:${email}`;
      await consumeAttempt(account, input.ip);
      if (!SLUG.test(slug) || !isValidEmail(email) || !isPlausiblePassword(input.password))
        throw new InvalidCredentials();
      const tenant = await resolveTenantSlug(pool, slug);
      if (tenant?.status === 'active' && tenant.ssoOnly) throw new SsoRequired();
      const user = tenant
        ? await withTenant(pool, tenant.tenantId, (tx) => findAdminUser(tx, tenant.tenantId, { email }))
        : null;
      const check = await passwords.verify(user?.passwordHash ?? null, input.password);
      if (
        !check.valid ||
        !tenant ||
        !user?.passwordHash ||
        user.status !== 'active' ||
        tenant.status !== 'active'
      )
        throw new InvalidCredentials();
      const rehash = check.needsRehash ? await passwords.hash(input.password) : null;
      const subject: Subject = { kind: 'tenant_user', tenantId: tenant.tenantId, userId: user.id };
      const started = await withTenant(pool, tenant.tenantId, async (tx) => {
        const role = await recordPasswordLogin(tx, tenant.tenantId, user.id, user.passwordHash!, rehash);
        return role ? { role, refresh: await addRefreshToken(tx, subject, null) } : null;
      });
      if (!started) throw new InvalidCredentials();
      await throttle.reset(account);
      return issue(subject, started.role, started.refresh);
    },

    /** Password login of a platform admin (an operator of Elara), in the platform context. */
    async loginPlatformAdmin(input: { email: string; password: string; ip: string }): Promise<SessionTokens> {
      const email = normalizeEmail(input.email);
      const account = `platform:${email}`;
      await consumeAttempt(account, input.ip);
      if (!isValidEmail(email) || !isPlausiblePassword(input.password)) throw new InvalidCredentials();
      const admin = await withPlatform(pool, (tx) => findPlatformAdmin(tx, { email }));
      const check = await passwords.verify(admin?.passwordHash ?? null, input.password);
      if (!check.valid || !admin || admin.status !== 'active') throw new InvalidCredentials();
      const rehash = check.needsRehash ? await passwords.hash(input.password) : null;
      const subject: Subject = { kind: 'platform_admin', adminId: admin.id };
      const refresh = await withPlatform(pool, async (tx) =>
        (await recordPlatformLogin(tx, admin.id, admin.passwordHash, rehash))
          ? addRefreshToken(tx, subject, null)
          : null,
      );
      if (!refresh) throw new InvalidCredentials();
      await throttle.reset(account);
      return issue(subject, PLATFORM_ROLE, refresh);
    },

    /**
     * A session for the active user whose SAML NameID is `ssoSubject`, once `@elara/saml-sso` has
     * validated the assertion for `tenantId`. `InvalidCredentials` when there is no such user.
     */
    async startSsoSession(input: { tenantId: string; ssoSubject: string }): Promise<SessionTokens> {
      const { tenantId, ssoSubject } = input;
      const started = await withTenant(pool, tenantId, async (tx) => {
        const user = await recordSsoLogin(tx, tenantId, ssoSubject);
        if (!user) return null;
        const subject: Subject = { kind: 'tenant_user', tenantId, userId: user.id };
        return { subject, role: user.role, refresh: await addRefreshToken(tx, subject, null) };
      });
      if (!started) throw new InvalidCredentials();
      return issue(started.subject, started.role, started.refresh);
    },

    /**
     * Trades a refresh token for a new access token and the next refresh token of the same family.
     * A token presented a second time revokes its whole family and throws `TokenReused`; two
     * concurrent refreshes of one token are serialised by a row lock, so only the first succeeds.
     */
    async refresh(refreshToken: string): Promise<SessionTokens> {
      const presented = parseRefreshToken(refreshToken);
      if (!presented) throw new InvalidToken();
      const owner = await resolveRefreshTokenOwner(pool, presented.id);
      if (!owner) throw new InvalidToken();
      // The revocations of a reuse must commit, so the outcome is returned, and thrown after.
      const outcome = await inContext(owner, (tx) => rotate(tx, presented));
      if (outcome.kind === 'reused') throw new TokenReused();
      if (outcome.kind === 'invalid') throw new InvalidToken();
      return issue(outcome.subject, outcome.role, outcome.refresh);
    },

    /** Ends the session (the whole family) a refresh token belongs to. Unknown tokens are ignored. */
    async logout(refreshToken: string): Promise<void> {
      const presented = parseRefreshToken(refreshToken);
      const owner = presented && (await resolveRefreshTokenOwner(pool, presented.id));
      if (!presented || !owner) return;
      await inContext(owner, async (tx) => {
        const row = await lockRefreshToken(tx, presented.id);
        if (row && refreshTokenMatches(presented, row.token_hash))
          await revokeFamily(tx, row.family_id, 'logout');
      });
    },

    /** Ends every session of a subject ("sign out everywhere", or an operator's action). */
    async revokeAllSessions(subject: Subject, reason: 'logout' | 'admin' = 'admin'): Promise<number> {
      return subject.kind === 'tenant_user'
        ? withTenant(pool, subject.tenantId, (tx) => revokeSubjectSessions(tx, subject, reason))
        : withPlatform(pool, (tx) => revokeSubjectSessions(tx, subject, reason));
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
