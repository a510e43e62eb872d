import type { TenantTx } from '@elara/db/tenant';
import type { ApiKeySummary } from './api-key.types.ts';

/* SQL for api_keys, always inside withTenant; row-level security scopes every statement. */

interface ApiKeyRow {
  tenant_id: string;
  id: string;
  name: string;
  scopes: string[];
  created_by: string | null;
  rotated_from: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  status: ApiKeySummary['status'];
}

const COLUMNS = `tenant_id, id, name, scopes, created_by, rotated_from, created_at, last_used_at, expires_at,
  revoked_at, CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
                   WHEN expires_at <= now() THEN 'expired' ELSE 'active' END AS status`;

function toSummary(row: ApiKeyRow): ApiKeySummary {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    keyPrefix: `elk_${row.id.replaceAll('-', '')}`,
    scopes: row.scopes,
    createdBy: row.created_by,
    rotatedFrom: row.rotated_from,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status: row.status,
  };
}

export async function insertApiKey(
  tx: TenantTx,
  key: {
    tenantId: string;
    id: string;
    name: string;
    secretHash: Buffer;
    scopes: string[];
    createdBy: string | null;
    rotatedFrom: string | null;
    expiresAt: Date | null;
  },
): Promise<ApiKeySummary> {
  const { rows } = await tx.query<ApiKeyRow>(
    `INSERT INTO api_keys (tenant_id, id, name, secret_hash, scopes, created_by, rotated_from, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      key.tenantId,
      key.id,
      key.name,
      key.secretHash,
      key.scopes,
      key.createdBy,
      key.rotatedFrom,
      key.expiresAt,
    ],
  );
  return toSummary(rows[0]!);
}

export async function listApiKeys(tx: TenantTx, tenantId: string): Promise<ApiKeySummary[]> {
  const { rows } = await tx.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map(toSummary);
}

/** The key, locked for a rotation or revocation. */
export async function lockApiKey(tx: TenantTx, tenantId: string, id: string): Promise<ApiKeySummary | null> {
  const { rows } = await tx.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

export interface ApiKeyCredential {
  name: string;
  secretHash: Buffer;
  scopes: string[];
  /** Not revoked, not expired, and the tenant is active. */
  usable: boolean;
}

export async function findApiKeyCredential(
  tx: TenantTx,
  tenantId: string,
  id: string,
): Promise<ApiKeyCredential | null> {
  const { rows } = await tx.query<{ name: string; secret_hash: Buffer; scopes: string[]; usable: boolean }>(
    `SELECT k.name, k.secret_hash, k.scopes,
            (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND t.status = 'active') AS usable
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      WHERE k.tenant_id = $1 AND k.id = $2`,
    [tenantId, id],
  );
  const row = rows[0];
  return row ? { name: row.name, secretHash: row.secret_hash, scopes: row.scopes, usable: row.usable } : null;
}

/** Sets last_used_at, at most once per `intervalSeconds` per key (a busy key is not a hot row). */
export async function touchApiKey(
  tx: TenantTx,
  tenantId: string,
  id: string,
  intervalSeconds: number,
): Promise<void> {
  await tx.query(
    `UPDATE api_keys SET last_used_at = now()
      WHERE tenant_id = $1 AND id = $2
        AND (last_used_at IS NULL OR last_used_at <= now() - make_interval(secs => $3::double precision))`,
    [tenantId, id, intervalSeconds],
  );
}

/** Ends a key: now (revoked) or, for a rotation's overlap, after `seconds` (an earlier expiry). */
export async function endApiKey(
  tx: TenantTx,
  tenantId: string,
  id: string,
  seconds: number,
): Promise<ApiKeySummary> {
  const { rows } = await tx.query<ApiKeyRow>(
    seconds <= 0
      ? `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
          WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`
      : `UPDATE api_keys SET expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => $3::double precision))
          WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    seconds <= 0 ? [tenantId, id] : [tenantId, id, seconds],
  );
  return toSummary(rows[0]!);
}
