import type { TenantTx } from '@elara/db/tenant';
import { timeKeySql, type TimeKey } from '../shared/pagination.ts';

export interface DeadLetterRow {
  tenant_id: string;
  id: string;
  received_at: Date;
  last_error: string | null;
  /** The row's cursor key. */
  received_key: string;
}

const COLUMNS = `tenant_id, id, received_at, last_error, ${timeKeySql('received_at')} AS received_key`;

/** The tenant's dead-lettered messages, oldest first on `(received_at, id)`: ids and errors only. */
export async function listDeadLetters(
  tx: TenantTx,
  tenantId: string,
  page: { after: TimeKey | null; limit: number },
): Promise<DeadLetterRow[]> {
  const { rows } = await tx.query<DeadLetterRow>(
    `SELECT ${COLUMNS} FROM inbound_messages
      WHERE tenant_id = $1 AND status = 'dead_lettered'
        AND ($2::timestamptz IS NULL OR (received_at, id) > ($2::timestamptz, $3::uuid))
      ORDER BY received_at, id LIMIT $4`,
    [tenantId, page.after?.at ?? null, page.after?.id ?? null, page.limit],
  );
  return rows;
}

export async function findDeadLetter(tx: TenantTx, tenantId: string, id: string) {
  const { rows } = await tx.query<DeadLetterRow>(
    `SELECT ${COLUMNS} FROM inbound_messages WHERE tenant_id = $1 AND id = $2 AND status = 'dead_lettered'`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}
