import type { Pool } from '@elara/db/pool';

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

/**
 * Loads the message, its tenant, sender and user, and any reply already decided: one round trip
 * (SQL function `load_message_context`, migration 003, which sets the tenant itself).
 */
export async function loadMessageContext(
  pool: Pool,
  tenantId: string,
  inboundMessageId: string,
): Promise<MessageContext | null> {
  const { rows } = await pool.query({
    name: 'processing.context',
    text: 'SELECT * FROM load_message_context($1, $2)',
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
