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

/*
 * One statement: the scan (when there is one) and the reply, with attempt 1 open on it. The
 * reply's unique key on the inbound message makes a second decision a no-op.
 */
const RECORD_DECISION = `
WITH s AS (
  INSERT INTO scans (tenant_id, inbound_message_id, verdict, score, reasons, urls, urls_omitted, language, engine_version)
  SELECT $1, $2, $6, $7, $8, $9, $10, $11, $12 WHERE $6::text IS NOT NULL
  ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING
)
INSERT INTO outbound_replies (tenant_id, inbound_message_id, sender_id, to_phone, kind, body)
VALUES ($1, $2, $3, $4, $5, $13)
ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING RETURNING id`;

/** Records the decision and opens attempt 1; null if another run already decided. */
export async function recordDecision(tx: TenantTx, d: Decision): Promise<{ replyId: string } | null> {
  const { rows } = await tx.query<{ id: string }>({
    name: 'processing.decision',
    text: RECORD_DECISION,
    values: [
      d.tenantId,
      d.inboundMessageId,
      d.senderId,
      d.toPhone,
      d.kind,
      d.scan?.verdict ?? null,
      d.scan?.score ?? null,
      d.scan ? JSON.stringify(d.scan.signals) : null,
      d.scan ? JSON.stringify(d.scan.urls) : null,
      d.scan?.urlsOmitted ?? 0,
      d.language,
      d.engineVersion,
      d.body,
    ],
  });
  const row = rows[0];
  return row ? { replyId: row.id } : null;
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
