/** The roles a person can hold inside one tenant, from most to least powerful. */
export const TENANT_ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Roles a tenant admin (and an API key with `users:write`) may create, assign and manage. */
export const NON_OWNER_ROLES = ['admin', 'analyst', 'viewer'] as const satisfies readonly TenantRole[];

export type ActorType = 'user' | 'api_key' | 'platform_admin';

/**
 * Who is acting, carried by every service input. Built by authentication (session, API key or
 * platform login), never from request bodies.
 *
 * - `user`: a tenant's admin-console user; `tenantId` and `role` are required for any permission.
 * - `api_key`: a tenant's API key; `tenantId` is required and `scopes` bound what it may do.
 * - `platform_admin`: an Elara operator; `tenantId` is null and `role`/`scopes` are ignored.
 */
export interface ActorContext {
  actorType: ActorType;
  actorId: string;
  tenantId: string | null;
  role?: TenantRole;
  /** API keys only: permission names such as `messages:read` (see `@elara/access-control/scopes`). */
  scopes?: readonly string[];
  ip?: string;
  userAgent?: string;
}

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === 'string' && (TENANT_ROLES as readonly string[]).includes(value);
}
