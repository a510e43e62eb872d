import { z } from 'zod';

/** Statuses that describe an outbound message's delivery, in no particular order. */
export const DELIVERY_STATUSES = [
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
] as const;

/** Statuses Twilio also reports that are not about delivering our message (ignored). */
const OTHER_STATUSES = ['receiving', 'received', 'scheduled', 'canceled'] as const;

const deliveryStatuses: ReadonlySet<string> = new Set(DELIVERY_STATUSES);

export function isDeliveryStatus(status: string): status is (typeof DELIVERY_STATUSES)[number] {
  return deliveryStatuses.has(status);
}

/** Twilio's message status callback, as far as Elara applies it. */
export const statusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  MessageStatus: z.enum([...DELIVERY_STATUSES, ...OTHER_STATUSES]),
  From: z
    .string()
    .regex(/^whatsapp:\+[1-9][0-9]{6,14}$/)
    .transform((v) => v.slice('whatsapp:'.length)),
  ErrorCode: z.string().max(16).optional(),
});

export type StatusCallback = z.output<typeof statusCallbackSchema>;
