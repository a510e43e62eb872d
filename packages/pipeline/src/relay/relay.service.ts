import type { Pool } from '@elara/db/pool';
import type { Producer } from '@elara/queue/queues';
import { inboundJob } from '../processing/inbound-job.ts';

const IN_FLIGHT_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface RelayDeps {
  pool: Pool;
  producer: Producer<'whatsapp-inbound'>;
  /** A message still 'received' this long after arrival is presumed lost by the queue. */
  staleAfterSeconds: number;
  batchSize?: number;
}

/**
 * Re-queues messages that were recorded (and acknowledged) but never finished: Redis lost the job
 * (crash, failover, flush) or the enqueue itself failed. The job id is the message id, so a job that
 * is in fact still waiting or running is not duplicated; a finished message is no longer 'received'.
 */
export function createRelayService({ pool, producer, staleAfterSeconds, batchSize = 1_000 }: RelayDeps) {
  return {
    async requeueUnprocessed(): Promise<number> {
      const { rows } = await pool.query<{ tenant_id: string; id: string; sender_id: string }>(
        `SELECT f.tenant_id, f.id, f.sender_id FROM find_unprocessed_inbound(make_interval(secs => $1), $2) f`,
        [staleAfterSeconds, batchSize],
      );
      let requeued = 0;
      for (const row of rows) {
        const existing = await producer.queue.getJob(row.id);
        const state = existing ? await existing.getState() : 'missing';
        if (IN_FLIGHT_STATES.has(state)) continue;
        // Completed or failed yet still 'received' in the database: its outcome was never recorded.
        if (existing) await existing.remove();
        const job = inboundJob({
          tenantId: row.tenant_id,
          inboundMessageId: row.id,
          senderId: row.sender_id,
        });
        await producer.add('whatsapp.processInbound', job.payload, job.jobId);
        requeued += 1;
      }
      return requeued;
    },
  };
}

export type RelayService = ReturnType<typeof createRelayService>;
