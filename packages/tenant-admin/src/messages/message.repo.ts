import type { TenantTx } from '@elara/db/tenant';
import { timeKeySql, type TimeKey } from '../shared/pagination.ts';

export interface MessageRow {
  tenant_id: string;
  id: string;
  sender_id: string;
  whatsapp_user_id: string;
  status: string;
  num_media: number;
  received_at: Date;
  processed_at: Date | null;
  verdict: 'scam' | 'suspicious' | 'spam' | 'safe' | null;
  score: number | null;
  reasons: unknown;
  language: string | null;
  reply_status: string | null;
  /** Content columns: NULL when the actor may not read content (they are not even selected). */
  body: string | null;
  media: unknown;
  from_phone: string | null;
  profile_name: string | null;
  urls: unknown;
  reply_body: string | null;
  /** The row's cursor key. */
  received_key: string;
}

export interface MessageFilter {
  verdict: string | null;
  status: string | null;
  from: Date | null;
  to: Date | null;
  whatsappUserId: string | null;
}

function columns(withContent: boolean): string {
  const content = withContent
    ? 'm.body, m.media, m.from_phone, m.profile_name, s.urls, r.body AS reply_body'
    : `NULL::text AS body, NULL::jsonb AS media, NULL::text AS from_phone, NULL::text AS profile_name,
       NULL::jsonb AS urls, NULL::text AS reply_body`;
  return `m.tenant_id, m.id, m.sender_id, m.whatsapp_user_id, m.status, m.num_media, m.received_at,
          m.processed_at, s.verdict, s.score, s.reasons, s.language, r.status AS reply_status,
          ${content}, ${timeKeySql('m.received_at')} AS received_key`;
}

const FROM = `FROM inbound_messages m
  LEFT JOIN scans s ON s.tenant_id = m.tenant_id AND s.inbound_message_id = m.id
  LEFT JOIN outbound_replies r ON r.tenant_id = m.tenant_id AND r.inbound_message_id = m.id`;

/** Newest first on `(received_at, id)`. */
export async function listMessages(
  tx: TenantTx,
  tenantId: string,
  query: MessageFilter & { after: TimeKey | null; limit: number; withContent: boolean },
): Promise<MessageRow[]> {
  const { rows } = await tx.query<MessageRow>(
    `SELECT ${columns(query.withContent)} ${FROM}
      WHERE m.tenant_id = $1
        AND ($2::text IS NULL OR s.verdict = $2)
        AND ($3::text IS NULL OR m.status = $3)
        AND ($4::timestamptz IS NULL OR m.received_at >= $4)
        AND ($5::timestamptz IS NULL OR m.received_at < $5)
        AND ($6::uuid IS NULL OR m.whatsapp_user_id = $6)
        AND ($7::timestamptz IS NULL OR (m.received_at, m.id) < ($7::timestamptz, $8::uuid))
      ORDER BY m.received_at DESC, m.id DESC LIMIT $9`,
    [
      tenantId,
      query.verdict,
      query.status,
      query.from,
      query.to,
      query.whatsappUserId,
      query.after?.at ?? null,
      query.after?.id ?? null,
      query.limit,
    ],
  );
  return rows;
}

export async function findMessage(tx: TenantTx, tenantId: string, id: string, withContent: boolean) {
  const { rows } = await tx.query<MessageRow>(
    `SELECT ${columns(withContent)} ${FROM} WHERE m.tenant_id = $1 AND m.id = $2`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}
