import type { TenantTx } from '@elara/db/tenant';
import type { AccountStatus, TenantRole } from '../identity.types.ts';
import type { AdminUser, AdminUserChanges, PlatformAdmin } from './account.types.ts';

/*
 * SQL for admin_users and platform_admins. Every function takes a transaction opened by
 * withTenant (tenant users) or withPlatform (platform admins); row-level security scopes it, and
 * the explicit tenant_id filters keep each statement on the tenant's index.
 */

interface AdminUserRow {
  tenant_id: string;
  id: string;
  email: string;
  display_name: string;
  role: TenantRole;
  status: AccountStatus;
  password_hash: string | null;
  sso_subject: string | null;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

/** A user with the password hash, for login only. */
export interface AdminUserRecord extends AdminUser {
  passwordHash: string | null;
}

const USER_COLUMNS = `tenant_id, id, email, display_name, role, status, password_hash, sso_subject,
  created_at, updated_at, last_login_at`;

function toRecord(row: AdminUserRow): AdminUserRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    hasPassword: row.password_hash !== null,
    passwordHash: row.password_hash,
    ssoSubject: row.sso_subject,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** The public shape: everything but the hash. */
export function toAdminUser(record: AdminUserRecord): AdminUser {
  const { passwordHash: _hash, ...user } = record;
  return user;
}

export async function insertAdminUser(
  tx: TenantTx,
  user: {
    tenantId: string;
    email: string;
    displayName: string;
    role: TenantRole;
    passwordHash: string | null;
    ssoSubject: string | null;
  },
): Promise<AdminUserRecord> {
  const { rows } = await tx.query<AdminUserRow>(
    `INSERT INTO admin_users (tenant_id, email, display_name, role, password_hash, sso_subject)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
    [user.tenantId, user.email, user.displayName, user.role, user.passwordHash, user.ssoSubject],
  );
  return toRecord(rows[0]!);
}

export async function findAdminUser(
  tx: TenantTx,
  tenantId: string,
  by: { id: string } | { email: string } | { ssoSubject: string },
): Promise<AdminUserRecord | null> {
  const [column, value] =
    'id' in by ? ['id', by.id] : 'email' in by ? ['email', by.email] : ['sso_subject', by.ssoSubject];
  const { rows } = await tx.query<AdminUserRow>(
    `SELECT ${USER_COLUMNS} FROM admin_users WHERE tenant_id = $1 AND ${column} = $2`,
    [tenantId, value],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listAdminUsers(tx: TenantTx, tenantId: string): Promise<AdminUserRecord[]> {
  const { rows } = await tx.query<AdminUserRow>(
    `SELECT ${USER_COLUMNS} FROM admin_users WHERE tenant_id = $1 ORDER BY email`,
    [tenantId],
  );
  return rows.map(toRecord);
}

/**
 * Locks the user's row and every active owner's, so two changes cannot each remove "the other"
 * last owner; returns the user and how many other active owners remain.
 */
export async function lockAdminUser(
  tx: TenantTx,
  tenantId: string,
  id: string,
): Promise<{ record: AdminUserRecord; otherActiveOwners: number } | null> {
  await tx.query(
    `SELECT id FROM admin_users WHERE tenant_id = $1 AND (id = $2 OR (role = 'owner' AND status = 'active'))
      ORDER BY id FOR UPDATE`,
    [tenantId, id],
  );
  const record = await findAdminUser(tx, tenantId, { id });
  if (!record) return null;
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM admin_users
      WHERE tenant_id = $1 AND id <> $2 AND role = 'owner' AND status = 'active'`,
    [tenantId, id],
  );
  return { record, otherActiveOwners: rows[0]!.n };
}

export async function updateAdminUser(
  tx: TenantTx,
  tenantId: string,
  id: string,
  changes: AdminUserChanges & { passwordHash?: string | null; ssoSubject?: string | null },
): Promise<AdminUserRecord | null> {
  const { rows } = await tx.query<AdminUserRow>(
    `UPDATE admin_users SET
        display_name  = coalesce($3, display_name),
        role          = coalesce($4, role),
        status        = coalesce($5, status),
        password_hash = CASE WHEN $6 THEN $7 ELSE password_hash END,
        sso_subject   = CASE WHEN $8 THEN $9 ELSE sso_subject END,
        updated_at    = now()
      WHERE tenant_id = $1 AND id = $2 RETURNING ${USER_COLUMNS}`,
    [
      tenantId,
      id,
      changes.displayName ?? null,
      changes.role ?? null,
      changes.status ?? null,
      changes.passwordHash !== undefined,
      changes.passwordHash ?? null,
      changes.ssoSubject !== undefined,
      changes.ssoSubject ?? null,
    ],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Records a password login, if the user is still active, the tenant too, and the hash is still
 * the one the password was checked against (a password changed meanwhile wins). Stores `rehash`
 * when given. Returns the user's current role, or null when the login must not proceed.
 */
export async function recordPasswordLogin(
  tx: TenantTx,
  tenantId: string,
  id: string,
  checkedHash: string,
  rehash: string | null,
): Promise<TenantRole | null> {
  const { rows } = await tx.query<{ role: TenantRole }>(
    `UPDATE admin_users u SET last_login_at = now(), password_hash = coalesce($4, u.password_hash)
       FROM tenants t
      WHERE u.tenant_id = $1 AND u.id = $2 AND u.status = 'active' AND u.password_hash = $3
        AND t.id = u.tenant_id AND t.status = 'active'
      RETURNING u.role`,
    [tenantId, id, checkedHash, rehash],
  );
  return rows[0]?.role ?? null;
}

/** Records an SSO login of the active user with this NameID in an active tenant. */
export async function recordSsoLogin(
  tx: TenantTx,
  tenantId: string,
  ssoSubject: string,
): Promise<{ id: string; role: TenantRole } | null> {
  const { rows } = await tx.query<{ id: string; role: TenantRole }>(
    `UPDATE admin_users u SET last_login_at = now()
       FROM tenants t
      WHERE u.tenant_id = $1 AND u.sso_subject = $2 AND u.status = 'active'
        AND t.id = u.tenant_id AND t.status = 'active'
      RETURNING u.id, u.role`,
    [tenantId, ssoSubject],
  );
  return rows[0] ?? null;
}

/** The role of an active user in an active tenant (what a refresh may carry on), else null. */
export async function activeUserRole(tx: TenantTx, tenantId: string, id: string): Promise<TenantRole | null> {
  const { rows } = await tx.query<{ role: TenantRole }>(
    `SELECT u.role FROM admin_users u JOIN tenants t ON t.id = u.tenant_id
      WHERE u.tenant_id = $1 AND u.id = $2 AND u.status = 'active' AND t.status = 'active'`,
    [tenantId, id],
  );
  return rows[0]?.role ?? null;
}

interface PlatformAdminRow {
  id: string;
  email: string;
  status: AccountStatus;
  password_hash: string;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

export interface PlatformAdminRecord extends PlatformAdmin {
  passwordHash: string;
}

const ADMIN_COLUMNS = 'id, email, status, password_hash, created_at, updated_at, last_login_at';

function toPlatformRecord(row: PlatformAdminRow): PlatformAdminRecord {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export function toPlatformAdmin(record: PlatformAdminRecord): PlatformAdmin {
  const { passwordHash: _hash, ...admin } = record;
  return admin;
}

export async function insertPlatformAdmin(
  tx: TenantTx,
  email: string,
  passwordHash: string,
): Promise<PlatformAdminRecord> {
  const { rows } = await tx.query<PlatformAdminRow>(
    `INSERT INTO platform_admins (email, password_hash) VALUES ($1, $2) RETURNING ${ADMIN_COLUMNS}`,
    [email, passwordHash],
  );
  return toPlatformRecord(rows[0]!);
}

export async function findPlatformAdmin(
  tx: TenantTx,
  by: { id: string } | { email: string },
): Promise<PlatformAdminRecord | null> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['email', by.email];
  const { rows } = await tx.query<PlatformAdminRow>(
    `SELECT ${ADMIN_COLUMNS} FROM platform_admins WHERE ${column} = $1`,
    [value],
  );
  return rows[0] ? toPlatformRecord(rows[0]) : null;
}

export async function listPlatformAdmins(tx: TenantTx): Promise<PlatformAdminRecord[]> {
  const { rows } = await tx.query<PlatformAdminRow>(
    `SELECT ${ADMIN_COLUMNS} FROM platform_admins ORDER BY email`,
  );
  return rows.map(toPlatformRecord);
}

export async function updatePlatformAdmin(
  tx: TenantTx,
  id: string,
  changes: { status?: AccountStatus; passwordHash?: string },
): Promise<PlatformAdminRecord | null> {
  const { rows } = await tx.query<PlatformAdminRow>(
    `UPDATE platform_admins SET status = coalesce($2, status), password_hash = coalesce($3, password_hash),
            updated_at = now()
      WHERE id = $1 RETURNING ${ADMIN_COLUMNS}`,
    [id, changes.status ?? null, changes.passwordHash ?? null],
  );
  return rows[0] ? toPlatformRecord(rows[0]) : null;
}

/** Like recordPasswordLogin, for a platform admin. */
export async function recordPlatformLogin(
  tx: TenantTx,
  id: string,
  checkedHash: string,
  rehash: string | null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE platform_admins SET last_login_at = now(), password_hash = coalesce($3, password_hash)
      WHERE id = $1 AND status = 'active' AND password_hash = $2`,
    [id, checkedHash, rehash],
  );
  return rowCount === 1;
}

export async function isPlatformAdminActive(tx: TenantTx, id: string): Promise<boolean> {
  const { rowCount } = await tx.query(`SELECT 1 FROM platform_admins WHERE id = $1 AND status = 'active'`, [
    id,
  ]);
  return rowCount === 1;
}
