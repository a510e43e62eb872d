import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { Producer } from '@elara/queue/queues';
import { inboundJob } from '../processing/inbound-job.ts';
import { reviveDeadLettered, type DeadLetter } from './dead-letter.repo.ts';

export type { DeadLetter };

/** Operators' view of messages that exhausted their retries, and the way to send them again. */
export function createDeadLetterService({
  pool,
  producer,
}: {
  pool: Pool;
  producer: Producer<'whatsapp-inbound'>;
}) {
  return {
    /** Across tenants, through the database's narrow list function: ids and errors, no content. */
    async list(limit = 100): Promise<DeadLetter[]> {
      const { rows } = await pool.query<{
        tenant_id: string;
        id: string;
        received_at: Date;
        last_error: string | null;
      }>('SELECT * FROM list_dead_lettered_inbound($1)', [limit]);
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        inboundMessageId: r.id,
        receivedAt: r.received_at,
        lastError: r.last_error,
      }));
    },

    /**
     * Re-drives one message: revived in the database first, then queued again under its own id (the
     * failed job is removed first). The reply's unique key still guarantees one reply.
     */
    async redrive(tenantId: string, inboundMessageId: string): Promise<boolean> {
      const senderId = await withTenant(pool, tenantId, (tx) =>
        reviveDeadLettered(tx, tenantId, inboundMessageId),
      );
      if (!senderId) return false;
      const failed = await producer.queue.getJob(inboundMessageId);
      if (failed && (await failed.isFailed())) await failed.remove();
      const job = inboundJob({ tenantId, inboundMessageId, senderId });
      await producer.add('whatsapp.processInbound', job.payload, job.jobId);
      return true;
    },
  };
}

export type DeadLetterService = ReturnType<typeof createDeadLetterService>;
