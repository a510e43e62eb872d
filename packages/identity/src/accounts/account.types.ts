import type { AccountStatus, TenantRole } from '../identity.types.ts';

/** A tenant staff member as the admin API shows them (never the password hash). */
export interface AdminUser {
  tenantId: string;
  id: string;
  email: string;
  displayName: string;
  role: TenantRole;
  status: AccountStatus;
  /** False for SSO-only users. */
  hasPassword: boolean;
  ssoSubject: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export interface NewAdminUserInput {
  tenantId: string;
  email: string;
  displayName: string;
  role: TenantRole;
  /** Omitted for an SSO-only user. */
  password?: string;
  /** The SAML NameID, when known up front. */
  ssoSubject?: string;
}

export interface AdminUserChanges {
  displayName?: string;
  role?: TenantRole;
  /** Disabling a user also revokes their sessions. */
  status?: AccountStatus;
}

/** An operator of Elara itself. */
export interface PlatformAdmin {
  id: string;
  email: string;
  status: AccountStatus;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}
