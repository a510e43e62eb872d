import { z } from 'zod';

/** Queue names. Workers choose which of these they consume by configuration. */
export const QUEUE_NAMES = ['whatsapp-inbound', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const uuid = z.uuid();

/**
 * Every job Elara runs: its queue, payload schema and retry policy. Payloads carry ids only; a
 * worker re-reads state inside `withTenant`. `attempts: 'send'` takes the configured send policy.
 */
export const jobCatalog = {
  'whatsapp.processInbound': {
    queue: 'whatsapp-inbound',
    schema: z.object({
      tenantId: uuid,
      inboundMessageId: uuid,
      /** The tenant's number it came to: lets the worker pace sends per sender before any query. */
      senderId: uuid,
      /** When the webhook acknowledged the message (epoch ms): for end-to-end latency. */
      acknowledgedAt: z.number().int().positive(),
      /** W3C trace context of the webhook, so the job continues its message's trace. Optional: older jobs lack it. */
      trace: z
        .object({ traceparent: z.string().max(128), tracestate: z.string().max(512).optional() })
        .optional(),
    }),
    retry: 'send',
  },
  'relay.requeueUnprocessed': {
    queue: 'maintenance',
    schema: z.object({}),
    retry: 'none',
  },
  /** Imports the built-in and configured threat feeds (`@elara/threat-feeds`); workers reload on change. */
  'threatFeeds.refresh': {
    queue: 'maintenance',
    schema: z.object({}),
    retry: 'none',
  },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType; retry: 'send' | 'none' }>;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.output<(typeof jobCatalog)[N]['schema']>;
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: (typeof jobCatalog)[N]['queue'] extends Q ? N : never;
}[JobName];
