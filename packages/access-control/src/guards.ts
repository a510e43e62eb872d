import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from './errors.ts';
import { pickPermittedFields, permittedFieldsOf } from './fields.ts';
import {
  asSubject,
  type Action,
  type AppAbility,
  type SubjectMap,
  type SubjectObject,
  type SubjectType,
} from './subjects.types.ts';

/**
 * Throws `ForbiddenError` (403) unless the ability allows `action` on the subject, and on each of
 * `fields` when given. Use it for type-level checks (listing, creating) and wherever the actor
 * already knows the object exists; for objects named by the request, use `assertCanOrNotFound`.
 */
export function assertCan(
  ability: AppAbility,
  action: Action,
  subject: SubjectType | SubjectObject,
  fields?: string | readonly string[],
): void {
  const error = ForbiddenError.from(ability);
  error.throwUnlessCan(action, subject);
  for (const field of typeof fields === 'string' ? [fields] : (fields ?? [])) {
    error.throwUnlessCan(action, subject, field);
  }
}

/**
 * The object-level check for a resource the request names (by id, in a path): allowed → returns;
 * the actor cannot even read the object (another tenant's, or a role that never sees it) → throws
 * `NotFoundError` (404), exactly as if it did not exist; the actor can read it but not do this →
 * `ForbiddenError` (403), which tells them nothing new. Deny by default: an untagged object matches
 * no rule and answers 404.
 */
export function assertCanOrNotFound(ability: AppAbility, action: Action, object: SubjectObject): void {
  if (ability.can(action, object)) return;
  if (!ability.can('read', object)) throw new NotFoundError(ability.detectSubjectType(object));
  ForbiddenError.from(ability).throwUnlessCan(action, object);
}

/**
 * Authorizes creating a `type` in `tenantId` from a request payload: the new object (payload plus
 * tenant) must match a rule, e.g. an admin creating a user whose role is not `owner`, and every
 * payload key must be settable. Returns the checked payload; the service adds `tenantId` itself.
 */
export function authorizeCreate<S extends SubjectType, T extends Record<string, unknown>>(
  ability: AppAbility,
  type: S,
  tenantId: string,
  input: T,
): T {
  const object = asSubject(type, { ...input, tenantId } as SubjectMap[S]) as SubjectObject;
  assertCan(ability, 'create', object);
  return pickPermittedFields(ability, 'create', object, input);
}

/**
 * Authorizes a partial update of a stored object (`stored`, tagged with `asSubject`): 404/403 as
 * `assertCanOrNotFound`; then every patched field must be updatable both on the object as stored
 * and on the object as it would be. The second check is what stops an admin from
 * promoting anyone (themselves included) to owner: the rule holds only for non-owners. Returns
 * the checked patch.
 */
export function authorizeUpdate<S extends SubjectType, T extends Record<string, unknown>>(
  ability: AppAbility,
  stored: SubjectObject<S>,
  patch: T,
): T {
  // Generic S does not narrow to the union CASL's signature wants; the value is the same.
  const existing = stored as SubjectObject;
  assertCanOrNotFound(ability, 'update', existing);
  const type = ability.detectSubjectType(existing) as S;
  const checked = pickPermittedFields(ability, 'update', existing, patch);
  const after = asSubject(type, { ...existing, ...patch } as SubjectMap[S]) as SubjectObject;
  const allowedAfter = new Set(permittedFieldsOf(ability, 'update', after));
  const refused = Object.keys(patch).filter((key) => !allowedAfter.has(key));
  if (refused.length > 0) throw new ForbiddenFieldsError(ability, 'update', type, refused);
  return checked;
}
