import type { Pool } from '@elara/db/pool';
import type { MediaItem } from '@elara/whatsapp/inbound';

export interface NewInboundMessage {
  tenantId: string;
  senderId: string;
  messageSid: string;
  fromPhone: string;
  profileName: string | undefined;
  body: string;
  media: MediaItem[];
}

/**
 * Inserts messages, each unless its tenant already has its MessageSid (null: a duplicate). One round
 * trip and one commit for the whole batch; each item sets its own tenant (migration 003).
 */
export async function insertInboundMessages(
  pool: Pool,
  messages: NewInboundMessage[],
): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ ord: number; id: string | null }>({
    name: 'inbound.insert_batch',
    text: 'SELECT ord, id FROM record_inbound_messages($1, $2, $3, $4, $5, $6, $7, $8)',
    values: [
      messages.map((m) => m.tenantId),
      messages.map((m) => m.senderId),
      messages.map((m) => m.messageSid),
      messages.map((m) => m.fromPhone),
      messages.map((m) => m.profileName ?? null),
      messages.map((m) => m.body),
      messages.map((m) => m.media.length),
      messages.map((m) => JSON.stringify(m.media)),
    ],
  });
  const ids = new Array<string | null>(messages.length).fill(null);
  for (const row of rows) ids[row.ord - 1] = row.id;
  return ids;
}
