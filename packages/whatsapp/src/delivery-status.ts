import { z } from 'zod';

/** Twilio's message status callback, as far as Elara applies it. */
export const statusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  MessageStatus: z.enum([
    'accepted',
    'queued',
    'sending',
    'sent',
    'delivered',
    'read',
    'undelivered',
    'failed',
    'receiving',
    'received',
    'scheduled',
    'canceled',
  ]),
  From: z
    .string()
    .regex(/^whatsapp:\+[1-9][0-9]{6,14}$/)
    .transform((v) => v.slice('whatsapp:'.length)),
  ErrorCode: z.string().max(16).optional(),
});

export type StatusCallback = z.output<typeof statusCallbackSchema>;
