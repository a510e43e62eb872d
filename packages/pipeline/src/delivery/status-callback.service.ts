import type { Pool } from '@elara/db/pool';
import type { StatusCallback } from '@elara/whatsapp/status';
import { applyStatusEvent } from './delivery.repo.ts';

/** Statuses that describe an outbound message's delivery; others (inbound, scheduling) are ignored. */
const DELIVERY_STATUSES = new Set([
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
]);

/** Applies Twilio status callbacks forward-only: a late 'sent' never overwrites 'delivered'. */
export function createStatusCallbackService({ pool }: { pool: Pool }) {
  return {
    async apply(tenantId: string, callback: StatusCallback): Promise<'applied' | 'stale' | 'ignored'> {
      if (!DELIVERY_STATUSES.has(callback.MessageStatus)) return 'ignored';
      const moved = await applyStatusEvent(pool, {
        tenantId,
        providerSid: callback.MessageSid,
        status: callback.MessageStatus,
        errorCode: callback.ErrorCode,
      });
      return moved ? 'applied' : 'stale';
    },
  };
}

export type StatusCallbackService = ReturnType<typeof createStatusCallbackService>;
