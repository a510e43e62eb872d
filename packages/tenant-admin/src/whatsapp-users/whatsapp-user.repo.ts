import type { TenantTx } from '@elara/db/tenant';
import { timeKeySql, type TimeKey } from '../shared/pagination.ts';

export interface WhatsappUserRow {
  tenant_id: string;
  id: string;
  phone: string;
  language: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  opted_out_at: Date | null;
  /** The row's cursor key. */
  first_seen_key: string;
}

const COLUMNS = `tenant_id, id, phone, language, first_seen_at, last_seen_at, opted_out_at,
  ${timeKeySql('first_seen_at')} AS first_seen_key`;

export interface WhatsappUserFilter {
  /** `+` and digits only (validated by the service). */
  phonePrefix: string | null;
  language: string | null;
  optedOut: boolean | null;
}

/** Newest first on `(first_seen_at, id)`, which never change, so pages stay stable. */
export async function listWhatsappUsers(
  tx: TenantTx,
  tenantId: string,
  query: WhatsappUserFilter & { after: TimeKey | null; limit: number },
): Promise<WhatsappUserRow[]> {
  const { rows } = await tx.query<WhatsappUserRow>(
    `SELECT ${COLUMNS} FROM whatsapp_users
      WHERE tenant_id = $1
        AND ($2::text IS NULL OR phone LIKE $2 || '%')
        AND ($3::text IS NULL OR language = $3)
        AND ($4::boolean IS NULL OR (opted_out_at IS NOT NULL) = $4)
        AND ($5::timestamptz IS NULL OR (first_seen_at, id) < ($5::timestamptz, $6::uuid))
      ORDER BY first_seen_at DESC, id DESC LIMIT $7`,
    [
      tenantId,
      query.phonePrefix,
      query.language,
      query.optedOut,
      query.after?.at ?? null,
      query.after?.id ?? null,
      query.limit,
    ],
  );
  return rows;
}

export async function findWhatsappUser(tx: TenantTx, tenantId: string, id: string, lock = false) {
  const { rows } = await tx.query<WhatsappUserRow>(
    `SELECT ${COLUMNS} FROM whatsapp_users WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Sets the given columns (undefined leaves one unchanged; null clears it). */
export async function updateWhatsappUser(
  tx: TenantTx,
  tenantId: string,
  id: string,
  changes: { language?: string | null; optedOutAt?: Date | null },
): Promise<WhatsappUserRow> {
  const { rows } = await tx.query<WhatsappUserRow>(
    `UPDATE whatsapp_users
        SET language = CASE WHEN $3 THEN $4 ELSE language END,
            opted_out_at = CASE WHEN $5 THEN $6::timestamptz ELSE opted_out_at END
      WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [
      tenantId,
      id,
      changes.language !== undefined,
      changes.language ?? null,
      changes.optedOutAt !== undefined,
      changes.optedOutAt ?? null,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('WhatsApp user vanished inside its own locked transaction');
  return row;
}

/**
 * Erases a user and everything that holds their number or words: their inbound messages (the
 * schema cascades to scans, replies and delivery attempts), the delivery status events of those
 * replies (no foreign key: see migration 002), then the user. Returns the messages deleted.
 */
export async function eraseWhatsappUser(tx: TenantTx, tenantId: string, id: string): Promise<number> {
  await tx.query(
    `DELETE FROM delivery_status_events e
      USING outbound_replies r, inbound_messages m
      WHERE e.tenant_id = $1 AND r.tenant_id = $1 AND m.tenant_id = $1
        AND m.whatsapp_user_id = $2 AND r.inbound_message_id = m.id AND e.provider_sid = r.provider_sid`,
    [tenantId, id],
  );
  const messages = await tx.query(
    'DELETE FROM inbound_messages WHERE tenant_id = $1 AND whatsapp_user_id = $2',
    [tenantId, id],
  );
  await tx.query('DELETE FROM whatsapp_users WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  return messages.rowCount ?? 0;
}
