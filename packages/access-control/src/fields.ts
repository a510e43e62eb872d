import { permittedFieldsOf as caslPermittedFieldsOf } from '@casl/ability/extra';
import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from './errors.ts';
import { FIELD_CLASSES, fieldsOf, secretFieldsOf, type SecretFieldOf } from './field-catalog.ts';
import {
  asSubject,
  type Action,
  type AppAbility,
  type SubjectMap,
  type SubjectObject,
  type SubjectType,
} from './subjects.types.ts';

function knownFieldsOf(type: string): string[] {
  return Object.hasOwn(FIELD_CLASSES, type) ? fieldsOf(type as SubjectType) : [];
}

/**
 * The catalog fields the ability allows for `action` on a subject type or object. A rule without a
 * field list means every catalog field; fields outside the catalog are never permitted.
 */
export function permittedFieldsOf(
  ability: AppAbility,
  action: Action,
  subject: SubjectType | SubjectObject,
): string[] {
  const known = knownFieldsOf(ability.detectSubjectType(subject));
  const permitted = caslPermittedFieldsOf(ability, action, subject, {
    fieldsFrom: (rule) => rule.fields ?? known,
  });
  return permitted.filter((field) => known.includes(field));
}

/**
 * Checks a create or update payload against the field rules and returns a copy of it. Any key the
 * actor may not set (including unknown keys and `tenantId`) fails the whole payload with a
 * `ForbiddenFieldsError` that lists them all: nothing is silently dropped. An actor with no rule
 * for the action fails with `ForbiddenError` even on an empty payload.
 */
export function pickPermittedFields<T extends Record<string, unknown>>(
  ability: AppAbility,
  action: Action,
  subject: SubjectType | SubjectObject,
  input: T,
): T {
  ForbiddenError.from(ability).throwUnlessCan(action, subject);
  const permitted = new Set(permittedFieldsOf(ability, action, subject));
  const forbidden = Object.keys(input).filter((key) => !permitted.has(key));
  if (forbidden.length > 0) {
    throw new ForbiddenFieldsError(ability, action, ability.detectSubjectType(subject), forbidden);
  }
  return { ...input };
}

/**
 * The read model as this actor may see it: only readable catalog fields the model has, never a
 * secret (a viewer gets a message's metadata without its text; anyone gets a sender without its
 * auth token). Throws `NotFoundError` if the actor may not read the object at all.
 */
export function pickReadableFields<S extends SubjectType, T extends SubjectMap[S]>(
  ability: AppAbility,
  type: S,
  model: T,
): Partial<Omit<T, SecretFieldOf<S>>> {
  // Generic S does not narrow to the union CASL's signature wants; the value is the same.
  const object = asSubject(type, model) as SubjectObject;
  if (!ability.can('read', object)) throw new NotFoundError(type);
  const secrets = new Set<string>(secretFieldsOf(type));
  const readable = new Set(permittedFieldsOf(ability, 'read', object));
  const entries = Object.entries(model).filter(([key]) => readable.has(key) && !secrets.has(key));
  return Object.fromEntries(entries) as Partial<Omit<T, SecretFieldOf<S>>>;
}
