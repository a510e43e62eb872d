import { isUuid } from '@elara/db/tenant';
import type { ActorContext } from '@elara/access-control/actor';
import { defineAbilityFor } from '@elara/access-control/ability';
import { NotFoundError } from '@elara/access-control/errors';
import { assertCan } from '@elara/access-control/guards';
import { asSubject, type Action, type AppAbility, type SubjectType } from '@elara/access-control/subjects';
import { ValidationError } from '../tenant-admin.errors.ts';

/** Who is acting and what they may do: the first argument of every service method. */
export interface AdminContext {
  actor: ActorContext;
  /** Built once per request with `defineAbilityFor(actor)`. */
  ability: AppAbility;
}

/** Convenience for callers that have only the actor (tests, tools). */
export function adminContextFor(actor: ActorContext): AdminContext {
  return { actor, ability: defineAbilityFor(actor) };
}

export { isUuid };

/** An id that is not a UUID names nothing: 404 like any unknown id, never a database error. */
export function knownId(id: unknown, type: SubjectType): string {
  if (!isUuid(id)) throw new NotFoundError(type);
  return id;
}

export function isPlatformAdmin(ctx: AdminContext): boolean {
  return ctx.actor.actorType === 'platform_admin';
}

/**
 * The tenant whose context (`withTenant`) a request runs in. Tenant actors always work in their
 * own tenant: naming another one answers 404, decided by the ability (every tenant rule carries
 * `tenantId: actor.tenantId`) and checked again against the actor. Platform admins have no tenant
 * and must name one.
 *
 * `typeLevel` is for collections and creates: without any rule for that action on the subject
 * type the answer is 403 (`assertCan`). Without it (requests naming an object), an actor who may
 * not read the subject in that tenant gets 404, exactly as for a missing object.
 */
export function resolveTenant(
  ctx: AdminContext,
  type: SubjectType,
  requested: string | undefined,
  typeLevel?: Action,
): string {
  if (typeLevel) assertCan(ctx.ability, typeLevel, type);
  const platform = isPlatformAdmin(ctx);
  if (platform && requested === undefined) {
    throw new ValidationError('tenantId is required for platform admins', [
      { path: 'tenantId', message: 'required' },
    ]);
  }
  const tenantId = knownId(requested ?? ctx.actor.tenantId, type);
  if (!ctx.ability.can(typeLevel ?? 'read', asSubject(type, { tenantId }))) throw new NotFoundError(type);
  if (!platform && tenantId !== ctx.actor.tenantId) throw new NotFoundError(type);
  return tenantId;
}
