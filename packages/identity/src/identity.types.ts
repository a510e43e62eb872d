import { isUuid } from '@elara/db/tenant';
/** A tenant staff member's role; what each may do is `@elara/access-control`'s business. */
export const TENANT_ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** The role carried by a platform admin's access tokens (operators of Elara itself). */
export const PLATFORM_ROLE = 'platform_admin';
export type PlatformRole = typeof PLATFORM_ROLE;

export type Role = TenantRole | PlatformRole;

export type AccountStatus = 'active' | 'disabled';

/** Who a session or token belongs to. */
export type Subject =
  { kind: 'tenant_user'; tenantId: string; userId: string } | { kind: 'platform_admin'; adminId: string };

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === 'string' && (TENANT_ROLES as readonly string[]).includes(value);
}

/** Emails are compared lowercased and trimmed (NFC), as the database's CHECK requires. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

export { isUuid };
