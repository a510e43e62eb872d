import type { TenantTx } from '@elara/db/tenant';
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

/** Inserts the message unless this tenant already has its MessageSid; null means a duplicate. */
export async function insertInboundMessage(tx: TenantTx, message: NewInboundMessage): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>({
    name: 'inbound.insert',
    text: `INSERT INTO inbound_messages (tenant_id, sender_id, message_sid, from_phone, profile_name, body, num_media, media)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (tenant_id, message_sid) DO NOTHING RETURNING id`,
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
