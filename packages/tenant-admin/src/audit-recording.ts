import type { ActorContext } from '@elara/access-control/actor';
import { NotFoundError } from '@elara/access-control/errors';
import type { AppAbility } from '@elara/access-control/subjects';
import { createAuditTrail, type AuditSink } from './shared/audit-trail.ts';

/** Where admin actions are recorded (`@elara/audit-log`'s `record`). */
export type AuditRecorder = AuditSink;

/** The tenant an actor works in; tenant-scoped services are never called without one. */
export function tenantOf(actor: ActorContext): string {
  if (!actor.tenantId) throw new NotFoundError('Tenant');
  return actor.tenantId;
}

/**
 * Runs a mutating action of the actor's own tenant and records it through the audit trail
 * (`shared/audit-trail.ts`): `success` on the tenant's chain, `denied` (403, or 404 for an object
 * the actor cannot see) or `error` on the actor's chain. A success that cannot be recorded fails.
 */
export async function withAudit<T>(
  audit: AuditRecorder,
  actor: ActorContext,
  action: string,
  target: { type: string; id: string | null },
  work: () => Promise<T>,
): Promise<T> {
  // The trail reads only the actor; these services check permissions themselves.
  const ctx = { actor, ability: undefined as unknown as AppAbility };
  return createAuditTrail({ audit }).run(
    ctx,
    { action, targetType: target.type, targetId: target.id },
    async () => ({
      result: await work(),
      tenantId: tenantOf(actor),
      targetId: target.id,
    }),
  );
}
