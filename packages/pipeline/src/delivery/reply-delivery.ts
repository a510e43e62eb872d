import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { Logger } from '@elara/logger/logger';
import { SendFailure, type SendRequest, type TwilioMessaging } from '@elara/whatsapp/messaging';
import { UnrecoverableError } from 'bullmq';
import { openAttempt, recordAccepted, recordFailedAttempt } from './delivery.repo.ts';

/** One reply on its way out, with the credentials of the number it goes from. */
export interface PendingDelivery {
  tenantId: string;
  replyId: string;
  request: SendRequest;
  /** The attempt to make now; it is already open in the database. */
  attempt: number;
}

export interface ReplyDeliveryDeps {
  pool: Pool;
  messaging: TwilioMessaging;
  logger: Logger;
}

/** How far back a reconciliation looks for a send whose outcome we never learned. */
const RECONCILE_MARGIN_MS = 60_000;

/**
 * Sends a reply at most once. Before re-sending after an attempt whose outcome is unknown (a timeout,
 * or a worker killed mid-send) it asks the provider whether that attempt went out after all.
 */
export function createReplyDelivery({ pool, messaging, logger }: ReplyDeliveryDeps) {
  async function accept(
    d: Omit<PendingDelivery, 'attempt'>,
    sid: string,
    status: string,
    outcome: 'accepted' | 'reconciled',
  ) {
    await recordAccepted(pool, { ...d, providerSid: sid, providerStatus: status, outcome });
  }

  async function send(d: PendingDelivery): Promise<void> {
    try {
      const sent = await messaging.send(d.request);
      await accept(d, sent.sid, sent.status, 'accepted');
    } catch (error) {
      if (!(error instanceof SendFailure)) throw error;
      const outcome = error.kind === 'rejected' ? 'rejected' : error.kind === 'unknown' ? 'timeout' : 'error';
      await withTenant(pool, d.tenantId, (tx) =>
        recordFailedAttempt(tx, {
          ...d,
          outcome,
          httpStatus: error.httpStatus,
          errorCode: error.code,
          error: error.message,
        }),
      );
      if (error.kind === 'unknown')
        logger.warn({ tenantId: d.tenantId, replyId: d.replyId }, 'send outcome unknown');
      if (error.kind === 'rejected')
        throw new UnrecoverableError(`provider rejected the reply: ${error.message}`);
      throw error;
    }
  }

  return {
    /** First attempt, opened together with the decision. */
    send,

    /** A later attempt: reconcile an unknown outcome first, then open the next attempt and send. */
    async retry(
      d: Omit<PendingDelivery, 'attempt'>,
      previous: { attempts: number; outcome: string; startedAt: Date },
    ) {
      const outcomeUnknown = previous.outcome === 'in_flight' || previous.outcome === 'timeout';
      if (outcomeUnknown) {
        const since = new Date(previous.startedAt.getTime() - RECONCILE_MARGIN_MS);
        const found = await messaging.findSent(d.request, since);
        if (found) {
          logger.info({ tenantId: d.tenantId, replyId: d.replyId }, 'reconciled a send of unknown outcome');
          await accept(d, found.sid, found.status, 'reconciled');
          return;
        }
      }
      const attempt = previous.attempts + 1;
      await withTenant(pool, d.tenantId, (tx) => openAttempt(tx, d.tenantId, d.replyId, attempt));
      await send({ ...d, attempt });
    },
  };
}

export type ReplyDelivery = ReturnType<typeof createReplyDelivery>;
