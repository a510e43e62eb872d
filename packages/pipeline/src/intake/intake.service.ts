import type { Pool } from '@elara/db/pool';
import { createRoundTripBatcher } from '@elara/db/round-trip-batcher';
import type { Logger } from '@elara/logger/logger';
import type { Producer } from '@elara/queue/queues';
import { SPAN_ATTRIBUTES as ATTR, withSpan } from '@elara/telemetry/tracing';
import type { ResolvedSender } from '@elara/whatsapp/senders';
import { inboundJob, type InboundJob } from '../processing/inbound-job.ts';
import { insertInboundMessages, type NewInboundMessage } from './inbound-message.repo.ts';

export interface IntakeResult {
  inboundMessageId: string | null;
  duplicate: boolean;
  queued: boolean;
}

export interface IntakeDeps {
  pool: Pool;
  producer: Producer<'whatsapp-inbound'>;
  logger: Logger;
  /** How long the webhook waits for Redis before acknowledging anyway (the relay re-queues). */
  enqueueTimeoutMs?: number;
}

/**
 * Records an inbound message durably, then queues it. Once the insert commits, the message will be
 * answered: if queueing fails or Redis later loses the job, the relay finds it by its status.
 */
export function createIntakeService({ pool, producer, logger, enqueueTimeoutMs = 1_000 }: IntakeDeps) {
  // Webhooks that arrive together share one round trip and one commit (group commit).
  const recordInbound = createRoundTripBatcher({
    run: (messages: NewInboundMessage[]) => insertInboundMessages(pool, messages),
  });

  // Jobs of webhooks that arrive together go to Redis in one round trip.
  const addJob = createRoundTripBatcher({
    run: (jobs: InboundJob[]) => producer.addMany('whatsapp.processInbound', jobs),
  });

  // Adds still running, including those a webhook stopped waiting for: shutdown lets them land.
  const pendingAdds = new Set<Promise<boolean>>();

  async function enqueue(tenantId: string, senderId: string, inboundMessageId: string): Promise<boolean> {
    const job = addJob(inboundJob({ tenantId, inboundMessageId, senderId }));
    const added = job.then(
      () => true,
      (error: unknown) => {
        logger.warn({ err: error, tenantId, inboundMessageId }, 'enqueue failed; the relay will re-queue');
        return false;
      },
    );
    pendingAdds.add(added);
    void added.then(() => pendingAdds.delete(added));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), enqueueTimeoutMs);
    });
    try {
      return await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async acceptInbound(sender: ResolvedSender, message: Omit<NewInboundMessage, 'tenantId' | 'senderId'>) {
      const record = { ...message, tenantId: sender.tenantId, senderId: sender.senderId };
      const tenant = { [ATTR.tenantId]: sender.tenantId };
      const id = await withSpan('db.recordInbound', tenant, () => recordInbound(record));
      if (!id) return { inboundMessageId: null, duplicate: true, queued: false } satisfies IntakeResult;
      const queued = await withSpan('queue.enqueue', { ...tenant, [ATTR.inboundMessageId]: id }, () =>
        enqueue(sender.tenantId, sender.senderId, id),
      );
      return { inboundMessageId: id, duplicate: false, queued } satisfies IntakeResult;
    },
    /**
     * Resolves once every enqueue started so far has landed or failed; call it before closing the
     * producer, so a job the webhook stopped waiting for is not cut off (the relay would be late).
     */
    async settle(): Promise<void> {
      await Promise.all(pendingAdds);
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
