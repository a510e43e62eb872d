import type { Pool } from '@elara/db/pool';
import { withTenant, type TenantTx } from '@elara/db/tenant';
import { IdentityConflict, IdentityNotFound, InvalidIdentityInput } from '../identity.errors.ts';
import { isTenantRole, isUuid, isValidEmail, normalizeEmail, type AccountStatus } from '../identity.types.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { assertPasswordPolicy } from '../passwords/password-policy.ts';
import { withPlatform } from '../platform-context.ts';
import { revokeSubjectSessions } from '../sessions/refresh-token.repo.ts';
import {
  findAdminUser,
  findPlatformAdmin,
  insertAdminUser,
  insertPlatformAdmin,
  listAdminUsers,
  listPlatformAdmins,
  lockAdminUser,
  toAdminUser,
  toPlatformAdmin,
  updateAdminUser,
  updatePlatformAdmin,
} from './account.repo.ts';
import type { AdminUser, AdminUserChanges, NewAdminUserInput, PlatformAdmin } from './account.types.ts';

export type { AdminUser, AdminUserChanges, NewAdminUserInput, PlatformAdmin };

function validEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!isValidEmail(normalized)) throw new InvalidIdentityInput('invalid email address');
  return normalized;
}

function validDisplayName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200)
    throw new InvalidIdentityInput('display name must have 1 to 200 characters');
  return trimmed;
}

function validSsoSubject(subject: string): string {
  if (subject.length < 1 || subject.length > 1024)
    throw new InvalidIdentityInput('SSO subject must have 1 to 1024 characters');
  return subject;
}

/** Ids that are not UUIDs name nothing: a 404, not a database error. */
function known(id: string, what: string): string {
  if (!isUuid(id)) throw new IdentityNotFound(what);
  return id;
}

/** Unique violations (email, SSO subject) become a 409 rather than a database error. */
async function uniquely<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new IdentityConflict(`${what} is already in use`);
    throw error;
  }
}

/**
 * Tenant staff accounts and platform admins. Authorization (who may call what) belongs to the
 * admin API, through `@elara/access-control`; this service keeps the accounts' own rules: emails
 * normalised and unique per tenant, passwords only as argon2id hashes, a tenant never left without
 * an active owner, and sessions revoked when an account is disabled or its password changes.
 */
export function createAccountService({ pool, passwords }: { pool: Pool; passwords: PasswordHasher }) {
  const hashNew = async (password: string) => {
    assertPasswordPolicy(password);
    return passwords.hash(password);
  };

  /** Locks the user and refuses a change that would leave the tenant without an active owner. */
  const lockForChange = async (tx: TenantTx, tenantId: string, userId: string, changes: AdminUserChanges) => {
    const locked = await lockAdminUser(tx, tenantId, userId);
    if (!locked) throw new IdentityNotFound('user');
    const { record, otherActiveOwners } = locked;
    const staysOwner =
      (changes.role ?? record.role) === 'owner' && (changes.status ?? record.status) === 'active';
    if (record.role === 'owner' && record.status === 'active' && !staysOwner && otherActiveOwners === 0)
      throw new IdentityConflict('a tenant must keep at least one active owner');
    return record;
  };

  return {
    /** A new staff member; with no password they can sign in only through SSO. */
    async createUser(input: NewAdminUserInput): Promise<AdminUser> {
      const email = validEmail(input.email);
      const displayName = validDisplayName(input.displayName);
      if (!isTenantRole(input.role)) throw new InvalidIdentityInput('unknown role');
      const ssoSubject = input.ssoSubject === undefined ? null : validSsoSubject(input.ssoSubject);
      const passwordHash = input.password === undefined ? null : await hashNew(input.password);
      const record = await uniquely(
        withTenant(pool, input.tenantId, (tx) =>
          insertAdminUser(tx, {
            tenantId: input.tenantId,
            email,
            displayName,
            role: input.role,
            passwordHash,
            ssoSubject,
          }),
        ),
        'email or SSO subject',
      );
      return toAdminUser(record);
    },

    async getUser(tenantId: string, userId: string): Promise<AdminUser> {
      known(userId, 'user');
      const record = await withTenant(pool, tenantId, (tx) => findAdminUser(tx, tenantId, { id: userId }));
      if (!record) throw new IdentityNotFound('user');
      return toAdminUser(record);
    },

    async listUsers(tenantId: string): Promise<AdminUser[]> {
      const records = await withTenant(pool, tenantId, (tx) => listAdminUsers(tx, tenantId));
      return records.map(toAdminUser);
    },

    /** The user a SAML assertion's NameID maps to, if any (for SSO login and JIT provisioning). */
    async findUserBySsoSubject(tenantId: string, ssoSubject: string): Promise<AdminUser | null> {
      const record = await withTenant(pool, tenantId, (tx) => findAdminUser(tx, tenantId, { ssoSubject }));
      return record ? toAdminUser(record) : null;
    },

    /** Name, role or status. Disabling revokes the user's sessions in the same transaction. */
    async updateUser(tenantId: string, userId: string, changes: AdminUserChanges): Promise<AdminUser> {
      known(userId, 'user');
      if (changes.role !== undefined && !isTenantRole(changes.role))
        throw new InvalidIdentityInput('unknown role');
      const displayName =
        changes.displayName === undefined ? undefined : validDisplayName(changes.displayName);
      const record = await withTenant(pool, tenantId, async (tx) => {
        await lockForChange(tx, tenantId, userId, changes);
        const updated = await updateAdminUser(tx, tenantId, userId, { ...changes, displayName });
        if (updated?.status === 'disabled')
          await revokeSubjectSessions(tx, { kind: 'tenant_user', tenantId, userId }, 'account');
        return updated!;
      });
      return toAdminUser(record);
    },

    /** Sets (or, with null, removes) the password and signs the user out everywhere. */
    async setPassword(tenantId: string, userId: string, password: string | null): Promise<void> {
      known(userId, 'user');
      const passwordHash = password === null ? null : await hashNew(password);
      await withTenant(pool, tenantId, async (tx) => {
        const updated = await updateAdminUser(tx, tenantId, userId, { passwordHash });
        if (!updated) throw new IdentityNotFound('user');
        await revokeSubjectSessions(tx, { kind: 'tenant_user', tenantId, userId }, 'account');
      });
    },

    /** Links (or, with null, unlinks) the user's SAML NameID. */
    async setSsoSubject(tenantId: string, userId: string, ssoSubject: string | null): Promise<AdminUser> {
      known(userId, 'user');
      const value = ssoSubject === null ? null : validSsoSubject(ssoSubject);
      const record = await uniquely(
        withTenant(pool, tenantId, (tx) => updateAdminUser(tx, tenantId, userId, { ssoSubject: value })),
        'SSO subject',
      );
      if (!record) throw new IdentityNotFound('user');
      return toAdminUser(record);
    },

    /** A new operator of Elara itself (from the operators' CLI; never from a tenant route). */
    async createPlatformAdmin(input: { email: string; password: string }): Promise<PlatformAdmin> {
      const email = validEmail(input.email);
      const passwordHash = await hashNew(input.password);
      const record = await uniquely(
        withPlatform(pool, (tx) => insertPlatformAdmin(tx, email, passwordHash)),
        'email',
      );
      return toPlatformAdmin(record);
    },

    async getPlatformAdmin(adminId: string): Promise<PlatformAdmin> {
      known(adminId, 'platform admin');
      const record = await withPlatform(pool, (tx) => findPlatformAdmin(tx, { id: adminId }));
      if (!record) throw new IdentityNotFound('platform admin');
      return toPlatformAdmin(record);
    },

    async listPlatformAdmins(): Promise<PlatformAdmin[]> {
      const records = await withPlatform(pool, (tx) => listPlatformAdmins(tx));
      return records.map(toPlatformAdmin);
    },

    /** New password or status for an operator; both end the operator's sessions. */
    async updatePlatformAdmin(
      adminId: string,
      changes: { password?: string; status?: AccountStatus },
    ): Promise<PlatformAdmin> {
      known(adminId, 'platform admin');
      const passwordHash = changes.password === undefined ? undefined : await hashNew(changes.password);
      const record = await withPlatform(pool, async (tx) => {
        const updated = await updatePlatformAdmin(tx, adminId, { status: changes.status, passwordHash });
        if (!updated) throw new IdentityNotFound('platform admin');
        if (passwordHash !== undefined || updated.status === 'disabled')
          await revokeSubjectSessions(tx, { kind: 'platform_admin', adminId }, 'account');
        return updated;
      });
      return toPlatformAdmin(record);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
