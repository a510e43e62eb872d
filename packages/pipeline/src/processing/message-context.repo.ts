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
  user: { id: string; language: string | null; firstContact: boolean };
  reply: ExistingReply | null;
}

export interface ExistingReply {
  id: string;
  kind: 'verdict' | 'media_only' | 'rate_limit_notice';
  body: string;
  toPhone: string;
  providerSid: string | null;
  attempts: number;
  /** The current attempt: 'in_flight' or 'timeout' mean its outcome is unknown. */
  attemptOutcome: string;
  attemptStartedAt: Date;
}

const LOAD_CONTEXT = `
SELECT m.status, m.body, m.num_media, m.from_phone, m.sender_id, m.first_contact,
       s.phone_number AS sender_phone, s.account_sid, s.auth_token_sealed,
       t.name AS tenant_name, t.tier, t.default_language, t.brand_domains,
       u.id AS user_id, u.language AS user_language,
       r.id AS reply_id, r.kind, r.body AS reply_body, r.to_phone, r.provider_sid, r.attempts,
       r.attempt_outcome, r.attempt_started_at
  FROM inbound_messages m
  JOIN tenants t ON t.id = m.tenant_id
  JOIN whatsapp_senders s ON s.tenant_id = m.tenant_id AND s.id = m.sender_id
  JOIN whatsapp_users u ON u.tenant_id = m.tenant_id AND u.id = m.whatsapp_user_id
  LEFT JOIN outbound_replies r ON r.tenant_id = m.tenant_id AND r.inbound_message_id = m.id
 WHERE m.tenant_id = $1 AND m.id = $2`;

/** Loads the message, its tenant, sender and user, and any reply already decided. */
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
    user: { id: row.user_id, language: row.user_language, firstContact: row.first_contact },
    reply: row.reply_id
      ? {
          id: row.reply_id,
          kind: row.kind,
          body: row.reply_body,
          toPhone: row.to_phone,
          providerSid: row.provider_sid,
          attempts: row.attempts,
          attemptOutcome: row.attempt_outcome,
          attemptStartedAt: row.attempt_started_at,
        }
      : null,
  };
}
