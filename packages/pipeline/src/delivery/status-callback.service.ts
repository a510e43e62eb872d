import type { Pool } from '@elara/db/pool';
import { isDeliveryStatus, type StatusCallback } from '@elara/whatsapp/status';
import { applyStatusEvent } from './delivery.repo.ts';

/** Applies Twilio status callbacks forward-only: a late 'sent' never overwrites 'delivered'. */
export function createStatusCallbackService({ pool }: { pool: Pool }) {
  return {
    async apply(tenantId: string, callback: StatusCallback): Promise<'applied' | 'stale' | 'ignored'> {
      if (!isDeliveryStatus(callback.MessageStatus)) return 'ignored';
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
