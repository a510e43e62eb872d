import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './ability.ts';
import {
  ALL_SCOPES_KEY,
  apiKeyActor,
  OTHER_TENANT,
  sample,
  sampleRecord,
  TENANT,
  userActor,
} from './access-fixtures.test-helper.ts';
import type { ActorContext } from './actor.types.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { pickReadableFields } from './fields.ts';
import { assertCanOrNotFound, authorizeCreate, authorizeUpdate } from './guards.ts';
import { fieldsOf } from './field-catalog.ts';
import { ACTIONS, SUBJECT_TYPES } from './subjects.types.ts';

/*
 * Every tenant actor (each role, and a key holding every scope) against every subject and every
 * action on an object of another tenant: all denied, and object checks answer 404.
 */
const TENANT_ACTORS: [string, ActorContext][] = [
  ['owner', userActor('owner')],
  ['admin', userActor('admin')],
  ['analyst', userActor('analyst')],
  ['viewer', userActor('viewer')],
  ['API key with every scope', ALL_SCOPES_KEY],
];

describe.each(TENANT_ACTORS)("%s on another tenant's objects", (_name, actor) => {
  const ability = defineAbilityFor(actor);

  it.each(SUBJECT_TYPES)('%s: every action denied, on the object and on each field', (type) => {
    const foreign = sample(type, OTHER_TENANT);
    for (const action of ACTIONS) {
      expect(ability.can(action, foreign), `${action} ${type}`).toBe(false);
      for (const field of fieldsOf(type)) {
        expect(ability.can(action, foreign, field), `${action} ${type}.${field}`).toBe(false);
      }
    }
  });

  it.each(SUBJECT_TYPES)('%s: object checks answer 404, never 403', (type) => {
    for (const action of ACTIONS) {
      expect(() => assertCanOrNotFound(ability, action, sample(type, OTHER_TENANT))).toThrow(NotFoundError);
    }
  });

  it.each(SUBJECT_TYPES)('%s: an update through authorizeUpdate answers 404', (type) => {
    expect(() => authorizeUpdate(ability, sample(type, OTHER_TENANT), {})).toThrow(NotFoundError);
  });

  it.each(SUBJECT_TYPES)('%s: reading a foreign read model answers 404', (type) => {
    expect(() => pickReadableFields(ability, type, sampleRecord(type, OTHER_TENANT))).toThrow(NotFoundError);
  });

  it.each(SUBJECT_TYPES)('%s: creating in another tenant is forbidden', (type) => {
    expect(() => authorizeCreate(ability, type, OTHER_TENANT, {})).toThrow(ForbiddenError);
  });
});

describe('an object moved to another tenant', () => {
  it('a tenantId smuggled in as an array matches no tenant (no Mongo array semantics)', () => {
    const owner = defineAbilityFor(userActor('owner'));
    for (const type of SUBJECT_TYPES) {
      const both = sample(type, TENANT, { tenantId: [TENANT, OTHER_TENANT] as never });
      for (const action of ACTIONS) expect(owner.can(action, both), `${action} ${type}`).toBe(false);
    }
  });

  it('cannot be reached by patching tenantId, even by an owner', () => {
    const owner = defineAbilityFor(userActor('owner'));
    expect(() => authorizeUpdate(owner, sample('UrlRule', TENANT), { tenantId: OTHER_TENANT })).toThrow(
      ForbiddenError,
    );
  });

  it('an API key bound to one tenant sees nothing of the other, even with the same scopes', () => {
    const key = defineAbilityFor(apiKeyActor(['messages:read'], TENANT));
    expect(key.can('read', sample('Message', TENANT))).toBe(true);
    expect(key.can('read', sample('Message', OTHER_TENANT))).toBe(false);
  });
});
