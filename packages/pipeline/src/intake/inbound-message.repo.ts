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
 * Inserts the message unless this tenant already has its MessageSid; null means a duplicate. One
 * round trip: the SQL function sets the tenant for its own transaction (migration 003).
 */
export async function insertInboundMessage(pool: Pool, message: NewInboundMessage): Promise<string | null> {
  const { rows } = await pool.query<{ id: string | null }>({
    name: 'inbound.insert',
    text: 'SELECT record_inbound_message($1, $2, $3, $4, $5, $6, $7, $8) AS id',
    values: [
      message.tenantId,
      message.senderId,
      message.messageSid,
      message.fromPhone,
      message.profileName ?? null,
      message.body,
      message.media.length,
      JSON.stringify(message.media),
    ],
  });
  return rows[0]?.id ?? null;
}
