import type { Pool } from '@elara/db/pool';
import { byOrdinal, toColumns } from '@elara/db/round-trip-batcher';
import type { TenantTx } from '@elara/db/tenant';
import type { ScanResult } from '@elara/detection/types';

export interface Decision {
  tenantId: string;
  inboundMessageId: string;
  senderId: string;
  toPhone: string;
  kind: 'verdict' | 'media_only' | 'rate_limit_notice';
  body: string;
  scan: ScanResult | null;
  language: string;
  engineVersion: string;
}

/**
 * Records decisions (scan and reply, attempt 1 open) in one round trip and one synchronous commit
 * (SQL function `record_decisions`, migration 003). Per item: the reply id, or null if an earlier
 * run already decided.
 */
export async function recordDecisions(pool: Pool, decisions: Decision[]): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ ord: number; reply_id: string | null }>({
    name: 'processing.decision_batch',
    text: 'SELECT ord, reply_id FROM record_decisions($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
    values: toColumns(decisions, (d) => [
      d.tenantId,
      d.inboundMessageId,
      d.senderId,
      d.toPhone,
      d.kind,
      d.body,
      d.scan?.verdict ?? null,
      d.scan?.score ?? null,
      d.scan ? JSON.stringify(d.scan.signals) : null,
      d.scan ? JSON.stringify(d.scan.urls) : null,
      d.scan?.urlsOmitted ?? 0,
      d.language,
      d.engineVersion,
    ]),
  });
  return byOrdinal(rows, decisions.length, (row) => row.reply_id);
}

/** A message that needs no reply (over the limit, already told): finished without one. */
export async function finishWithoutReply(tx: TenantTx, tenantId: string, inboundMessageId: string) {
  await tx.query({
    name: 'processing.no_reply',
    text: `UPDATE inbound_messages SET status = 'rate_limited', processed_at = now()
            WHERE tenant_id = $1 AND id = $2 AND status = 'received'`,
    values: [tenantId, inboundMessageId],
  });
}
