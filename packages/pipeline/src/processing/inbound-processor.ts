import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { createRoundTripBatcher } from '@elara/db/round-trip-batcher';
import type { Logger } from '@elara/logger/logger';
import type { ElaraMetrics } from '@elara/metrics/metrics';
import type { JobContext } from '@elara/queue/queues';
import type { JobPayload } from '@elara/queue/catalog';
import type { RateLimiter } from '@elara/ratelimit/limits';
import type { SenderPacer } from '@elara/ratelimit/pacing';
import { limitsForTier } from '@elara/ratelimit/tiers';
import type { SecretBox } from '@elara/secrets/secret-box';
import { SPAN_ATTRIBUTES as ATTR, withSpan } from '@elara/telemetry/tracing';
import { senderTokenAad } from '@elara/whatsapp/senders';
import type { SendRequest } from '@elara/whatsapp/messaging';
import { detectionEngineVersion } from '@elara/detection/scan';
import { DelayedError } from 'bullmq';
import {
  AttemptStillInFlight,
  type PreviousAttempt,
  type ReplyDelivery,
} from '../delivery/reply-delivery.ts';
import { markDeadLettered } from '../dead-letters/dead-letter.repo.ts';
import { gatherDetectionInputs, type DetectionSources } from '../detection-inputs/detection-inputs.ts';
import { decideReply } from './decide-reply.ts';
import { finishWithoutReply, recordDecisions, type Decision } from './decision.repo.ts';
import { loadMessageContexts, type ExistingReply, type MessageContext } from './message-context.repo.ts';

/** Waits shorter than this are slept through in the job; longer ones re-schedule it. */
const MAX_INLINE_PACING_WAIT_MS = 250;

export interface InboundProcessorDeps {
  pool: Pool;
  rateLimiter: RateLimiter;
  pacer: SenderPacer;
  delivery: ReplyDelivery;
  secretBox: SecretBox;
  logger: Logger;
  /** Threat feeds, the tenant's URL lists and the optional link look-ups. */
  detection: DetectionSources;
  /** Verdicts and rate-limit rejections are counted here when given. */
  metrics?: ElaraMetrics;
}

type Payload = JobPayload<'whatsapp.processInbound'>;

/** What the job does once it has decided. */
type Next =
  | { step: 'done' }
  | { step: 'send'; replyId: string; request: SendRequest }
  | { step: 'retry'; replyId: string; request: SendRequest; previous: PreviousAttempt };

/**
 * `whatsapp.processInbound`: onboard, rate-limit, scan, decide and reply, exactly once. All state is
 * in PostgreSQL; a retry (or a run after a crash) re-reads it and continues where the last run was.
 */
export function createInboundProcessor(deps: InboundProcessorDeps) {
  const { pool, rateLimiter, pacer, delivery, secretBox, logger, detection, metrics } = deps;
  const engineVersion = detectionEngineVersion();
  // Jobs that start together read their state in one round trip.
  const loadMessageContext = createRoundTripBatcher({
    run: (keys: { tenantId: string; inboundMessageId: string }[]) => loadMessageContexts(pool, keys),
  });
  // Decisions made together share one round trip and one (synchronous) commit.
  const recordDecision = createRoundTripBatcher({
    run: (decisions: Decision[]) => recordDecisions(pool, decisions),
  });

  function requestFor(p: Payload, context: MessageContext, toPhone: string, body: string): SendRequest {
    const { sender } = context;
    const authToken = secretBox.open(sender.authTokenSealed, senderTokenAad(p.tenantId, sender.id));
    return { accountSid: sender.accountSid, authToken, from: sender.phoneNumber, to: toPhone, body };
  }

  /** A reply was decided by an earlier run: finished if it went out, otherwise try it again. */
  function continueReply(p: Payload, context: MessageContext, reply: ExistingReply): Next {
    if (reply.providerSid) return { step: 'done' };
    const previous = {
      attempts: reply.attempts,
      outcome: reply.attemptOutcome,
      startedAt: reply.attemptStartedAt,
    };
    return {
      step: 'retry',
      replyId: reply.id,
      request: requestFor(p, context, reply.toPhone, reply.body),
      previous,
    };
  }

  /** First decision for a message: rate limit, plan the reply, record it (durably, before any send). */
  async function decideNew(p: Payload, context: MessageContext): Promise<Next> {
    const limits = limitsForTier(context.tier);
    const limit = await rateLimiter.check({ tenantId: p.tenantId, userId: context.user.id, limits });
    if (!limit.allowed) metrics?.rateLimitRejections.inc({ scope: limit.scope });
    const scans = limit.allowed && context.body.trim() !== '';
    const inputs = scans ? await gatherDetectionInputs(detection, p.tenantId, context.body) : {};
    // The scan (`scanMessage`) runs inside `decideReply`; its span carries the verdict, never the text.
    const plan = await withSpan('pipeline.decideReply', { [ATTR.tenantId]: p.tenantId }, (span) => {
      const decided = decideReply(context, limit, inputs);
      span.setAttribute(ATTR.replyKind, decided.kind);
      if (decided.kind === 'verdict') span.setAttribute(ATTR.verdict, decided.scan.verdict);
      return decided;
    });
    if (plan.kind === 'none') {
      await withSpan('db.finishWithoutReply', { [ATTR.tenantId]: p.tenantId }, () =>
        withTenant(pool, p.tenantId, (tx) => finishWithoutReply(tx, p.tenantId, p.inboundMessageId)),
      );
      return { step: 'done' };
    }
    const replyId = await withSpan('db.recordDecision', { [ATTR.tenantId]: p.tenantId }, () =>
      recordDecision({
        tenantId: p.tenantId,
        inboundMessageId: p.inboundMessageId,
        senderId: context.sender.id,
        toPhone: context.fromPhone,
        kind: plan.kind,
        body: plan.body,
        scan: plan.kind === 'verdict' ? plan.scan : null,
        language: plan.language,
        engineVersion,
      }),
    );
    if (!replyId) return { step: 'done' };
    if (plan.kind === 'verdict') metrics?.verdicts.inc({ verdict: plan.scan.verdict, tenant_id: p.tenantId });
    return {
      step: 'send',
      replyId,
      request: requestFor(p, context, context.fromPhone, plan.body),
    };
  }

  /**
   * Read the state and decide. The read and the decision's write are one round trip each and need
   * no transaction around them: the reply's unique key makes a second decision a no-op, and only
   * this job (its id is the message id) moves the message out of 'received'.
   */
  async function decide(p: Payload): Promise<Next> {
    const context = await withSpan('db.loadMessageContext', { [ATTR.tenantId]: p.tenantId }, () =>
      loadMessageContext({ tenantId: p.tenantId, inboundMessageId: p.inboundMessageId }),
    );
    if (!context) return { step: 'done' };
    if (context.reply) return continueReply(p, context, context.reply);
    if (context.status !== 'received') return { step: 'done' };
    return decideNew(p, context);
  }

  /** Re-schedules the job without spending one of its attempts. */
  async function postpone(context: JobContext, until: number): Promise<never> {
    await context.job.moveToDelayed(until, context.token);
    throw new DelayedError();
  }

  async function pace(p: Payload, context: JobContext): Promise<void> {
    const wait = await pacer.reserve(p.senderId);
    if (wait === 0) return;
    if (wait <= MAX_INLINE_PACING_WAIT_MS) return new Promise((resolve) => setTimeout(resolve, wait));
    await postpone(context, Date.now() + wait);
  }

  async function run(p: Payload, context: JobContext): Promise<void> {
    await pace(p, context);
    const next = await decide(p);
    if (next.step === 'done') return;
    const target = {
      tenantId: p.tenantId,
      replyId: next.replyId,
      request: next.request,
      acknowledgedAt: p.acknowledgedAt,
    };
    const attributes = { [ATTR.tenantId]: p.tenantId, [ATTR.replyId]: next.replyId };
    if (next.step === 'send')
      await withSpan('whatsapp.send', attributes, () => delivery.send({ ...target, attempt: 1 }));
    else
      await withSpan('whatsapp.retrySend', attributes, () => delivery.retry(target, next.previous)).catch(
        (e: unknown) => {
          if (e instanceof AttemptStillInFlight) return postpone(context, e.retryAt);
          throw e;
        },
      );
  }

  return async function processInbound(p: Payload, context: JobContext): Promise<void> {
    try {
      await run(p, context);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const final = context.isFinalAttempt || (error as Error).name === 'UnrecoverableError';
      if (final) {
        await withTenant(pool, p.tenantId, (tx) =>
          markDeadLettered(tx, p.tenantId, p.inboundMessageId, String(error)),
        );
        logger.error(
          { tenantId: p.tenantId, inboundMessageId: p.inboundMessageId, err: error },
          'dead-lettered',
        );
      }
      throw error;
    }
  };
}
