import type { TenantTx } from '@elara/db/tenant';
import { timeKeySql, type TimeKey } from '../shared/pagination.ts';

/** A sender as the admin services read it: never the sealed auth token. */
export interface SenderRow {
  tenant_id: string;
  id: string;
  phone_number: string;
  account_sid: string;
  status: 'active' | 'disabled';
  created_at: Date;
  /** The row's cursor key. */
  created_key: string;
}

const COLUMNS = `tenant_id, id, phone_number, account_sid, status, created_at, ${timeKeySql('created_at')} AS created_key`;

export async function findSender(tx: TenantTx, tenantId: string, id: string, lock = false) {
  const { rows } = await tx.query<SenderRow>(
    `SELECT ${COLUMNS} FROM whatsapp_senders WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Oldest first, on `(created_at, id)`. */
export async function listSenders(
  tx: TenantTx,
  tenantId: string,
  query: { status: string | null; after: TimeKey | null; limit: number },
): Promise<SenderRow[]> {
  const { rows } = await tx.query<SenderRow>(
    `SELECT ${COLUMNS} FROM whatsapp_senders
      WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
      ORDER BY created_at, id LIMIT $5`,
    [tenantId, query.status, query.after?.at ?? null, query.after?.id ?? null, query.limit],
  );
  return rows;
}

export async function updateSenderStatus(tx: TenantTx, tenantId: string, id: string, status: string) {
  const { rows } = await tx.query<SenderRow>(
    `UPDATE whatsapp_senders SET status = $3 WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, id, status],
  );
  return rows[0] ?? null;
}

/** True when any inbound message came to this sender (deleting it would cascade to them). */
export async function senderHasMessages(tx: TenantTx, tenantId: string, id: string): Promise<boolean> {
  const { rows } = await tx.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM inbound_messages WHERE tenant_id = $1 AND sender_id = $2) AS used',
    [tenantId, id],
  );
  return rows[0]?.used ?? false;
}

export async function deleteSender(tx: TenantTx, tenantId: string, id: string): Promise<void> {
  await tx.query('DELETE FROM whatsapp_senders WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
}
