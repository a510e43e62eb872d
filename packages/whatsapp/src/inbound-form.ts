import { z } from 'zod';

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** `whatsapp:+15551234567` → `+15551234567`. */
const whatsappAddress = z
  .string()
  .regex(/^whatsapp:\+[1-9][0-9]{6,14}$/, 'must be whatsapp:+E.164')
  .transform((v) => v.slice('whatsapp:'.length));

/**
 * The fields of Twilio's inbound WhatsApp webhook that Elara uses. Other fields are allowed (Twilio
 * adds them over time, and the signature covers them all) but ignored.
 */
export const inboundFormSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM|SS)[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID'),
  From: whatsappAddress,
  To: whatsappAddress,
  Body: z.string().max(4_096).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  ProfileName: z.string().max(256).optional(),
});

export type InboundForm = z.output<typeof inboundFormSchema>;

export interface MediaItem {
  url: string;
  contentType: string;
}

/** MediaUrl0..N and MediaContentType0..N, as far as NumMedia says. */
export function mediaItems(params: Record<string, unknown>, count: number): MediaItem[] {
  const items: MediaItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = params[`MediaUrl${i}`];
    const contentType = params[`MediaContentType${i}`];
    if (typeof url === 'string' && url.startsWith('https://')) {
      items.push({
        url,
        contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
      });
    }
  }
  return items;
}

export function isE164(value: string): boolean {
  return E164.test(value);
}
