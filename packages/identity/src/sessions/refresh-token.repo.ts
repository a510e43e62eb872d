import type { TenantTx } from '@elara/db/tenant';
import type { Subject } from '../identity.types.ts';

/*
 * SQL for refresh_tokens, run in the token's own context: withTenant for a tenant user's tokens,
 * withPlatform for a platform admin's. Expiry is decided on the database's clock.
 */

export type RevokeReason = 'logout' | 'reuse' | 'account' | 'admin';

export interface RefreshTokenRow {
  id: string;
  tenant_id: string | null;
  admin_user_id: string | null;
  platform_admin_id: string | null;
  family_id: string;
  token_hash: Buffer;
  session_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  /** expires_at (idle) or session_expires_at (absolute) has passed. */
  expired: boolean;
}

export function subjectOf(row: RefreshTokenRow): Subject {
  return row.tenant_id && row.admin_user_id
    ? { kind: 'tenant_user', tenantId: row.tenant_id, userId: row.admin_user_id }
    : { kind: 'platform_admin', adminId: row.platform_admin_id! };
}

export interface NewRefreshToken {
  id: string;
  subject: Subject;
  familyId: string;
  parentId: string | null;
  tokenHash: Buffer;
  idleSeconds: number;
  /** A new family: its absolute lifetime. A rotation: the family's existing absolute expiry. */
  sessionEnd: { absoluteSeconds: number } | { at: Date };
}

/** Inserts a token; returns when it (idle) and its family (absolute) expire. */
export async function insertRefreshToken(
  tx: TenantTx,
  token: NewRefreshToken,
): Promise<{ expiresAt: Date; sessionExpiresAt: Date }> {
  const { subject, sessionEnd } = token;
  const { rows } = await tx.query<{ expires_at: Date; session_expires_at: Date }>(
    `WITH s AS (SELECT coalesce($8::timestamptz, now() + make_interval(secs => $9::double precision)) AS end_at)
     INSERT INTO refresh_tokens (id, tenant_id, admin_user_id, platform_admin_id, family_id, parent_id, token_hash,
                                 session_expires_at, expires_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, s.end_at,
            least(now() + make_interval(secs => $10::double precision), s.end_at)
       FROM s
     RETURNING expires_at, session_expires_at`,
    [
      token.id,
      subject.kind === 'tenant_user' ? subject.tenantId : null,
      subject.kind === 'tenant_user' ? subject.userId : null,
      subject.kind === 'platform_admin' ? subject.adminId : null,
      token.familyId,
      token.parentId,
      token.tokenHash,
      'at' in sessionEnd ? sessionEnd.at : null,
      'absoluteSeconds' in sessionEnd ? sessionEnd.absoluteSeconds : null,
      token.idleSeconds,
    ],
  );
  return { expiresAt: rows[0]!.expires_at, sessionExpiresAt: rows[0]!.session_expires_at };
}

/**
 * The token's row, locked until the transaction ends: a second refresh of the same token waits
 * here and then sees it used.
 */
export async function lockRefreshToken(tx: TenantTx, id: string): Promise<RefreshTokenRow | null> {
  const { rows } = await tx.query<RefreshTokenRow>(
    `SELECT id, tenant_id, admin_user_id, platform_admin_id, family_id, token_hash, session_expires_at,
            used_at, revoked_at, (expires_at <= now() OR session_expires_at <= now()) AS expired
       FROM refresh_tokens WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markRefreshTokenUsed(tx: TenantTx, id: string): Promise<void> {
  await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [id]);
}

/** Revokes every token of a family still unrevoked (the session ends). */
export async function revokeFamily(tx: TenantTx, familyId: string, reason: RevokeReason): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
      WHERE family_id = $1 AND revoked_at IS NULL`,
    [familyId, reason],
  );
  return rowCount ?? 0;
}

/** Revokes every session of a subject (disabled account, new password, "sign out everywhere"). */
export async function revokeSubjectSessions(
  tx: TenantTx,
  subject: Subject,
  reason: RevokeReason,
): Promise<number> {
  const { rowCount } =
    subject.kind === 'tenant_user'
      ? await tx.query(
          `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $3
            WHERE tenant_id = $1 AND admin_user_id = $2 AND revoked_at IS NULL`,
          [subject.tenantId, subject.userId, reason],
        )
      : await tx.query(
          `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
            WHERE platform_admin_id = $1 AND revoked_at IS NULL`,
          [subject.adminId, reason],
        );
  return rowCount ?? 0;
}
