import type { TenantTx } from '@elara/db/tenant';

/** Everything processing needs about one inbound message, read in one statement. */
export interface MessageContext {
  status: 'received' | 'replied' | 'rate_limited' | 'dead_lettered';
  body: string;
  numMedia: number;
  fromPhone: string;
  sender: { id: string; phoneNumber: string; accountSid: string; authTokenSealed: string };
  tenantName: string;
  tier: string;
  defaultLanguage: string;
  brandDomains: string[];
  /** Null when the message is already finished (no user upsert then). */
  user: { id: string; language: string | null; isNew: boolean } | null;
  reply: ExistingReply | null;
}

export interface ExistingReply {
  id: string;
  kind: 'verdict' | 'rate_limit_notice';
  body: string;
  toPhone: string;
  providerSid: string | null;
  attempts: number;
  /** The newest attempt, if any: an unfinished or timed-out one means the outcome is unknown. */
  lastAttempt: { outcome: string; startedAt: Date } | null;
}

const LOAD_CONTEXT = `
WITH m AS (
  SELECT id, status, body, num_media, from_phone, sender_id FROM inbound_messages WHERE tenant_id = $1 AND id = $2
), u AS (
  INSERT INTO whatsapp_users (tenant_id, phone)
  SELECT $1, from_phone FROM m WHERE m.status = 'received'
  ON CONFLICT (tenant_id, phone) DO UPDATE SET last_seen_at = now()
  RETURNING id, language, (xmax = 0) AS is_new
)
SELECT m.status, m.body, m.num_media, m.from_phone, m.sender_id,
       s.phone_number AS sender_phone, s.account_sid, s.auth_token_sealed,
       t.name AS tenant_name, t.tier, t.default_language, t.brand_domains,
       u.id AS user_id, u.language AS user_language, u.is_new,
       r.id AS reply_id, r.kind, r.body AS reply_body, r.to_phone, r.provider_sid, r.attempts,
       a.outcome AS last_outcome, a.started_at AS last_started_at
  FROM m
  JOIN tenants t ON t.id = $1
  JOIN whatsapp_senders s ON s.tenant_id = $1 AND s.id = m.sender_id
  LEFT JOIN u ON true
  LEFT JOIN outbound_replies r ON r.tenant_id = $1 AND r.inbound_message_id = m.id
  LEFT JOIN delivery_attempts a ON a.tenant_id = $1 AND a.outbound_reply_id = r.id AND a.attempt = r.attempts`;

/** Loads the message, its tenant and any reply already decided; upserts the WhatsApp user. */
export async function loadMessageContext(
  tx: TenantTx,
  tenantId: string,
  inboundMessageId: string,
): Promise<MessageContext | null> {
  const { rows } = await tx.query({
    name: 'processing.context',
    text: LOAD_CONTEXT,
    values: [tenantId, inboundMessageId],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    status: row.status,
    body: row.body,
    numMedia: row.num_media,
    fromPhone: row.from_phone,
    sender: {
      id: row.sender_id,
      phoneNumber: row.sender_phone,
      accountSid: row.account_sid,
      authTokenSealed: row.auth_token_sealed,
    },
    tenantName: row.tenant_name,
    tier: row.tier,
    defaultLanguage: row.default_language,
    brandDomains: row.brand_domains,
    user: row.user_id ? { id: row.user_id, language: row.user_language, isNew: row.is_new } : null,
    reply: row.reply_id
      ? {
          id: row.reply_id,
          kind: row.kind,
          body: row.reply_body,
          toPhone: row.to_phone,
          providerSid: row.provider_sid,
          attempts: row.attempts,
          lastAttempt: row.last_outcome
            ? { outcome: row.last_outcome, startedAt: row.last_started_at }
            : null,
        }
      : null,
  };
}
