import type { TenantTx } from '@elara/db/tenant';
import type { ScanResult } from '@elara/detection/types';

export interface Decision {
  tenantId: string;
  inboundMessageId: string;
  senderId: string;
  userId: string;
  toPhone: string;
  kind: 'verdict' | 'rate_limit_notice';
  body: string;
  scan: ScanResult | null;
  language: string;
  engineVersion: string;
}

/*
 * One statement: the scan (when there is one), the link to the user, the reply and its first
 * delivery attempt. The reply's unique key on the inbound message makes a second decision a no-op.
 */
const RECORD_DECISION = `
WITH s AS (
  INSERT INTO scans (tenant_id, inbound_message_id, verdict, score, reasons, urls, urls_omitted, language, engine_version)
  SELECT $1, $2, $8, $9, $10, $11, $12, $13, $14 WHERE $8::text IS NOT NULL
  ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING
), m AS (
  UPDATE inbound_messages SET whatsapp_user_id = $4 WHERE tenant_id = $1 AND id = $2
), r AS (
  INSERT INTO outbound_replies (tenant_id, inbound_message_id, sender_id, to_phone, kind, body, attempts)
  VALUES ($1, $2, $3, $5, $6, $7, 1)
  ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING RETURNING id
)
INSERT INTO delivery_attempts (tenant_id, outbound_reply_id, attempt)
SELECT $1, r.id, 1 FROM r RETURNING outbound_reply_id, started_at`;

/** Records the decision and opens attempt 1; null if another run already decided. */
export async function recordDecision(
  tx: TenantTx,
  d: Decision,
): Promise<{ replyId: string; attemptStartedAt: Date } | null> {
  const { rows } = await tx.query<{ outbound_reply_id: string; started_at: Date }>({
    name: 'processing.decision',
    text: RECORD_DECISION,
    values: [
      d.tenantId,
      d.inboundMessageId,
      d.senderId,
      d.userId,
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
    ],
  });
  const row = rows[0];
  return row ? { replyId: row.outbound_reply_id, attemptStartedAt: row.started_at } : null;
}

/** A message that needs no reply (over the limit, already told): finished without one. */
export async function finishWithoutReply(
  tx: TenantTx,
  tenantId: string,
  inboundMessageId: string,
  userId: string,
) {
  await tx.query({
    name: 'processing.no_reply',
    text: `UPDATE inbound_messages SET status = 'rate_limited', whatsapp_user_id = $3, processed_at = now()
            WHERE tenant_id = $1 AND id = $2 AND status = 'received'`,
    values: [tenantId, inboundMessageId, userId],
  });
}
