import type { ActorContext } from '@elara/access-control/actor';
import { ForbiddenError, NotFoundError } from '@elara/access-control/errors';
import type { RecordAuditEventInput } from '@elara/audit-log/types';

/** Where admin actions are recorded (`@elara/audit-log`'s `record`). */
export interface AuditRecorder {
  record(input: RecordAuditEventInput): Promise<unknown>;
}

/** The tenant an actor works in; tenant-scoped services are never called without one. */
export function tenantOf(actor: ActorContext): string {
  if (!actor.tenantId) throw new NotFoundError('Tenant');
  return actor.tenantId;
}

/**
 * Runs a mutating action and records it: `success`, `denied` (a permission failure or an object
 * the actor cannot see, which answers 404) or `error`. The record is written after the action, and a failure to record fails the call:
 * an admin action the log does not show must not look like it succeeded.
 */
export async function withAudit<T>(
  audit: AuditRecorder,
  actor: ActorContext,
  action: string,
  target: { type: string; id: string | null },
  work: () => Promise<T>,
): Promise<T> {
  const base = {
    tenantId: actor.tenantId,
    actor: { type: actor.actorType, id: actor.actorId },
    action,
    target,
    sourceIp: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    const denied =
      error instanceof ForbiddenError || error instanceof NotFoundError || status === 403 || status === 404;
    await audit.record({ ...base, outcome: denied ? 'denied' : 'error' });
    throw error;
  }
  await audit.record({ ...base, outcome: 'success' });
  return result;
}
