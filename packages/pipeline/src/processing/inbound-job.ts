import type { JobPayload } from '@elara/queue/catalog';

export interface InboundJob {
  payload: JobPayload<'whatsapp.processInbound'>;
  jobId: string;
}

/**
 * The job for one inbound message, however it is queued (webhook, relay, re-drive). Its id is the
 * message id, so adding it while an earlier one still exists is a no-op.
 */
export function inboundJob(message: {
  tenantId: string;
  inboundMessageId: string;
  senderId: string;
}): InboundJob {
  return { payload: { ...message, acknowledgedAt: Date.now() }, jobId: message.inboundMessageId };
}
