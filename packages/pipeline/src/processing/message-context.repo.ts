import type { Pool } from '@elara/db/pool';
import { byOrdinal, toColumns } from '@elara/db/round-trip-batcher';

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

/** Loads, per job, the message, its tenant, sender and user, and any reply already decided. */
export async function loadMessageContexts(
  pool: Pool,
  keys: { tenantId: string; inboundMessageId: string }[],
): Promise<(MessageContext | null)[]> {
  const { rows } = await pool.query<ContextRow>({
    name: 'processing.context_batch',
    text: 'SELECT * FROM load_message_contexts($1, $2)',
    values: toColumns(keys, (k) => [k.tenantId, k.inboundMessageId]),
  });
  return byOrdinal(rows, keys.length, toContext);
}

/** A row of load_message_contexts (migration 003). */
interface ContextRow {
  ord: number;
  status: MessageContext['status'];
  body: string;
  num_media: number;
  from_phone: string;
  sender_id: string;
  first_contact: boolean;
  sender_phone: string;
  account_sid: string;
  auth_token_sealed: string;
  tenant_name: string;
  tier: string;
  default_language: string;
  brand_domains: string[];
  user_id: string;
  user_language: string | null;
  reply_id: string | null;
  kind: ExistingReply['kind'];
  reply_body: string;
  to_phone: string;
  provider_sid: string | null;
  attempts: number;
  attempt_outcome: string;
  attempt_started_at: Date;
}

function toContext(row: ContextRow): MessageContext {
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
