import type { ActorContext } from '@elara/access-control/actor';
import { pickReadableFields } from '@elara/access-control/fields';
import {
  assertCan,
  assertCanOrNotFound,
  authorizeCreate,
  authorizeUpdate,
} from '@elara/access-control/guards';
import { asSubject, type AppAbility } from '@elara/access-control/subjects';
import type { AccountService, AdminUser, AdminUserChanges } from '@elara/identity/accounts';
import type { TenantRole } from '@elara/identity/types';
import { tenantOf, withAudit, type AuditRecorder } from '../audit-recording.ts';

export interface NewStaffInput {
  email: string;
  displayName: string;
  role: TenantRole;
  /** Omitted for people who sign in only through SSO. */
  password?: string;
}

/** A user as the API returns it: only the fields this actor may read. */
function readModel(ability: AppAbility, user: AdminUser) {
  const { hasPassword, ssoSubject, updatedAt, ...subject } = user;
  return {
    ...pickReadableFields(ability, 'AdminUser', subject),
    hasPassword,
    sso: ssoSubject !== null,
    updatedAt,
  };
}

/**
 * The tenant's staff (admin console users): permission first (CASL, object misses are 404), then
 * `@elara/identity` (which runs inside the tenant's database context), then the audit log.
 */
export function createStaffService({ accounts, audit }: { accounts: AccountService; audit: AuditRecorder }) {
  async function load(actor: ActorContext, ability: AppAbility, userId: string, action: 'read' | 'update') {
    const tenantId = tenantOf(actor);
    const user = await accounts.getUser(tenantId, userId);
    assertCanOrNotFound(ability, action, asSubject('AdminUser', user));
    return user;
  }

  return {
    async list(actor: ActorContext, ability: AppAbility) {
      assertCan(ability, 'read', 'AdminUser');
      const users = await accounts.listUsers(tenantOf(actor));
      return users.map((user) => readModel(ability, user));
    },

    async get(actor: ActorContext, ability: AppAbility, userId: string) {
      return readModel(ability, await load(actor, ability, userId, 'read'));
    },

    async create(actor: ActorContext, ability: AppAbility, input: NewStaffInput) {
      return withAudit(audit, actor, 'admin_user.create', { type: 'admin_user', id: null }, async () => {
        const { password, ...fields } = input;
        authorizeCreate(ability, 'AdminUser', tenantOf(actor), fields);
        const user = await accounts.createUser({
          tenantId: tenantOf(actor),
          ...fields,
          ...(password ? { password } : {}),
        });
        return readModel(ability, user);
      });
    },

    async update(actor: ActorContext, ability: AppAbility, userId: string, changes: AdminUserChanges) {
      return withAudit(audit, actor, 'admin_user.update', { type: 'admin_user', id: userId }, async () => {
        const stored = await load(actor, ability, userId, 'read');
        const { hasPassword: _h, ssoSubject: _s, updatedAt: _u, ...subject } = stored;
        const patch = authorizeUpdate(ability, asSubject('AdminUser', subject), { ...changes });
        return readModel(ability, await accounts.updateUser(tenantOf(actor), userId, patch));
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
