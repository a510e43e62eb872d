import type { JobPayload } from '@elara/queue/catalog';
import { currentTraceCarrier } from '@elara/telemetry/tracing';

export interface InboundJob {
  payload: JobPayload<'whatsapp.processInbound'>;
  jobId: string;
}

/**
 * The job for one inbound message, however it is queued (webhook, relay, re-drive). Its id is the
 * message id, so adding it while an earlier one still exists is a no-op. It carries the active trace
 * context (the webhook's, when tracing is on), so the job's spans join the message's trace.
 */
export function inboundJob(message: {
  tenantId: string;
  inboundMessageId: string;
  senderId: string;
}): InboundJob {
  const trace = currentTraceCarrier();
  const payload = { ...message, acknowledgedAt: Date.now(), ...(trace ? { trace } : {}) };
  return { payload, jobId: message.inboundMessageId };
}
