import type { Pool } from '@elara/db/pool';
import { createRoundTripBatcher } from '@elara/db/round-trip-batcher';
import { withTenant } from '@elara/db/tenant';
import type { Logger } from '@elara/logger/logger';
import type { ElaraMetrics } from '@elara/metrics/metrics';
import { SendFailure, type SendRequest, type TwilioMessaging } from '@elara/whatsapp/messaging';
import { UnrecoverableError } from 'bullmq';
import {
  claimedProviderSids,
  openAttempt,
  recordAccepted,
  recordFailedAttempt,
  type AcceptedSend,
} from './delivery.repo.ts';

/** One reply on its way out, with the credentials of the number it goes from. */
export interface PendingDelivery {
  tenantId: string;
  replyId: string;
  request: SendRequest;
  /** The attempt to make now; it is already open in the database. */
  attempt: number;
  /** When the webhook was acknowledged (or the relay re-queued it), ms: for the reply latency. */
  acknowledgedAt?: number;
}

export interface ReplyDeliveryDeps {
  pool: Pool;
  messaging: TwilioMessaging;
  logger: Logger;
  /** The provider request timeout: an attempt younger than this may still be under way. */
  sendTimeoutMs: number;
  /** Send outcomes and the webhook-to-reply latency are recorded here when given. */
  metrics?: ElaraMetrics;
}

/** Clock skew allowed between us and the provider when matching an earlier attempt. */
const RECONCILE_SKEW_MS = 5_000;
/** How long past the provider timeout an 'in_flight' attempt is still presumed alive. */
const IN_FLIGHT_GRACE_MS = 2_000;

/** The previous attempt, as the database last recorded it. */
export interface PreviousAttempt {
  attempts: number;
  outcome: string;
  startedAt: Date;
}

/** An attempt that may still be in flight in another (stuck, not dead) worker: try after `retryAt`. */
export class AttemptStillInFlight extends Error {
  readonly retryAt: number;

  constructor(retryAt: number) {
    super('the previous attempt may still be in flight');
    this.name = 'AttemptStillInFlight';
    this.retryAt = retryAt;
  }
}

/**
 * Sends a reply at most once. Before re-sending after an attempt whose outcome is unknown (a timeout,
 * or a worker killed mid-send) it asks the provider whether that attempt went out after all.
 */
export function createReplyDelivery({ pool, messaging, logger, sendTimeoutMs, metrics }: ReplyDeliveryDeps) {
  // Sends that finish together record their outcome in one round trip (group commit).
  const recordAcceptedBatched = createRoundTripBatcher({
    run: async (sends: AcceptedSend[]) => {
      await recordAccepted(pool, sends);
      return sends.map(() => undefined);
    },
  });

  /** A provider message for this reply that no other reply has claimed, if the provider has one. */
  async function findEarlierSend(d: Omit<PendingDelivery, 'attempt'>, previous: PreviousAttempt) {
    const since = new Date(previous.startedAt.getTime() - RECONCILE_SKEW_MS);
    const candidates = await messaging.findSent(d.request, since);
    if (candidates.length === 0) return null;
    // The same text to the same user can be an earlier, already recorded reply: skip those.
    const sids = candidates.map((c) => c.sid);
    const claimed = await withTenant(pool, d.tenantId, (tx) => claimedProviderSids(tx, sids));
    return candidates.find((c) => !claimed.has(c.sid)) ?? null;
  }

  async function accept(
    d: Omit<PendingDelivery, 'attempt'>,
    sid: string,
    status: string,
    outcome: 'accepted' | 'reconciled',
  ) {
    await recordAcceptedBatched({
      tenantId: d.tenantId,
      replyId: d.replyId,
      providerSid: sid,
      providerStatus: status,
      outcome,
    });
  }

  async function send(d: PendingDelivery): Promise<void> {
    try {
      const sent = await messaging.send(d.request);
      metrics?.providerSends.inc({ outcome: 'accepted' });
      if (d.acknowledgedAt) metrics?.webhookToReply.observe({}, (Date.now() - d.acknowledgedAt) / 1_000);
      await accept(d, sent.sid, sent.status, 'accepted');
    } catch (error) {
      if (!(error instanceof SendFailure)) throw error;
      const outcome = error.kind === 'rejected' ? 'rejected' : error.kind === 'unknown' ? 'timeout' : 'error';
      metrics?.providerSends.inc({ outcome });
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
    async retry(d: Omit<PendingDelivery, 'attempt'>, previous: PreviousAttempt) {
      // A run whose lock expired while it was still sending must finish before we decide anything.
      const presumedDeadAt = previous.startedAt.getTime() + sendTimeoutMs + IN_FLIGHT_GRACE_MS;
      if (previous.outcome === 'in_flight' && Date.now() < presumedDeadAt) {
        throw new AttemptStillInFlight(presumedDeadAt);
      }
      const outcomeUnknown = previous.outcome === 'in_flight' || previous.outcome === 'timeout';
      if (outcomeUnknown) {
        const found = await findEarlierSend(d, previous);
        if (found) {
          logger.info({ tenantId: d.tenantId, replyId: d.replyId }, 'reconciled a send of unknown outcome');
          metrics?.providerSends.inc({ outcome: 'reconciled' });
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
