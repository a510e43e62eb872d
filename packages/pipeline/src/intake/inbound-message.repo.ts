import type { Pool } from '@elara/db/pool';
import { byOrdinal, toColumns } from '@elara/db/round-trip-batcher';
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
    values: toColumns(messages, (m) => [
      m.tenantId,
      m.senderId,
      m.messageSid,
      m.fromPhone,
      m.profileName ?? null,
      m.body,
      m.media.length,
      JSON.stringify(m.media),
    ]),
  });
  return byOrdinal(rows, messages.length, (row) => row.id);
}
