import type { ActorContext } from '@elara/access-control/actor';
import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import type { RecordAuditEventInput } from '@elara/audit-log/types';
import { TenantAdminError } from '../tenant-admin.errors.ts';
import type { AdminContext } from './admin-context.ts';

/** Where audit events go: `@elara/audit-log`'s `createAuditLog({ pool })`, or a test collector. */
export interface AuditSink {
  record(input: RecordAuditEventInput): Promise<unknown>;
}

export interface AuditedAction {
  /** `domain.verb`, e.g. `sender.create`. */
  action: string;
  /** Lowercase, e.g. `sender`. */
  targetType: string;
  /** The object the request names, when it names one (recorded on failures too). */
  targetId?: string | null;
  /** The tenant the request names, when it names one (recorded on failures). */
  tenantId?: string;
}

/** What a successful action reports for its audit event. */
export interface AuditedOutcome<T> {
  result: T;
  /** The tenant whose chain records the event. */
  tenantId: string;
  targetId?: string | null;
  /** Never secrets (the audit log redacts secret-looking keys, but do not rely on it). */
  details?: Record<string, unknown>;
}

/** The chain of a failed attempt: the actor's own (the platform chain for platform admins). */
function actorChain(actor: ActorContext): string | null {
  return actor.actorType === 'platform_admin' ? null : actor.tenantId;
}

function bounded(value: unknown, max: number): string | null {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

function failureOf(error: unknown): { outcome: 'denied' | 'error'; details: Record<string, unknown> } {
  if (error instanceof ForbiddenFieldsError) {
    return { outcome: 'denied', details: { reason: 'forbidden', fields: [...error.fields] } };
  }
  if (error instanceof ForbiddenError) return { outcome: 'denied', details: { reason: 'forbidden' } };
  if (error instanceof NotFoundError) return { outcome: 'denied', details: { reason: 'not_found' } };
  if (error instanceof TenantAdminError) return { outcome: 'error', details: { reason: error.code } };
  // Other packages' errors that carry a status (e.g. @elara/identity's): 403/404 are refusals.
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  if (status === 403 || status === 404) {
    return { outcome: 'denied', details: { reason: status === 403 ? 'forbidden' : 'not_found' } };
  }
  if (typeof code === 'string' && typeof status === 'number' && status < 500) {
    return { outcome: 'error', details: { reason: code.slice(0, 64) } };
  }
  return { outcome: 'error', details: { reason: 'internal' } };
}

/**
 * Records every mutating action in the audit log: `success` on the chain of the tenant acted on
 * (and also on the platform chain when a platform admin acted), `denied` for access errors
 * (403, and 404 since a miss cannot be told from another tenant's object) and `error` for
 * anything else, both on the actor's own chain. Events are recorded after the change commits.
 */
export function createAuditTrail({
  audit,
  onAuditFailure,
}: {
  audit: AuditSink;
  /** Called when recording the event of a failed attempt fails; the attempt's error is thrown. */
  onAuditFailure?: (error: unknown, event: RecordAuditEventInput) => void;
}) {
  const base = (ctx: AdminContext) => ({
    actor: { type: ctx.actor.actorType, id: ctx.actor.actorId },
    sourceIp: ctx.actor.ip ?? null,
    userAgent: ctx.actor.userAgent ?? null,
  });

  return {
    /**
     * Runs `work` (authorization first, then the change) and records its outcome. A success whose
     * event cannot be recorded throws the audit log's error: the change is committed, but it must
     * not pass silently.
     */
    async run<T>(ctx: AdminContext, spec: AuditedAction, work: () => Promise<AuditedOutcome<T>>): Promise<T> {
      let outcome: AuditedOutcome<T>;
      try {
        outcome = await work();
      } catch (error) {
        const failure = failureOf(error);
        const event: RecordAuditEventInput = {
          ...base(ctx),
          tenantId: actorChain(ctx.actor),
          action: spec.action,
          // What the request named, bounded: it may be anything a client sent.
          target: { type: spec.targetType, id: bounded(spec.targetId, 200) },
          outcome: failure.outcome,
          details:
            spec.tenantId === undefined
              ? failure.details
              : { ...failure.details, tenantId: bounded(spec.tenantId, 64) },
        };
        await audit.record(event).catch((auditError: unknown) => onAuditFailure?.(auditError, event));
        throw error;
      }
      const details = outcome.details ?? {};
      // The tenant's chain, and for operators also the platform chain (which names the tenant).
      const chains: [string | null, Record<string, unknown>][] = [[outcome.tenantId, details]];
      if (ctx.actor.actorType === 'platform_admin') {
        chains.push([null, { ...details, tenantId: outcome.tenantId }]);
      }
      for (const [tenantId, chainDetails] of chains) {
        await audit.record({
          ...base(ctx),
          tenantId,
          action: spec.action,
          target: { type: spec.targetType, id: outcome.targetId ?? spec.targetId ?? null },
          outcome: 'success',
          details: chainDetails,
        });
      }
      return outcome.result;
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
