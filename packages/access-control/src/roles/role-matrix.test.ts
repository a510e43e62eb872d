import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '../ability.ts';
import {
  actions,
  allowedActions,
  OTHER_TENANT,
  PLATFORM_ADMIN,
  sample,
  TENANT,
  userActor,
} from '../access-fixtures.test-helper.ts';
import type { ActorContext } from '../actor.types.ts';
import { SUBJECT_TYPES, type SubjectType } from '../subjects.types.ts';

/*
 * The role table as a reader would check it, written independently of src/roles: for each actor,
 * the actions allowed on an object of the actor's own tenant. Every other combination, `manage`
 * included, must be denied: the comparison is on the complete list, so an extra grant fails.
 * (The AdminUser object is an analyst and the ApiKey one holds `messages:read`; owners as targets
 * and field rules have their own tests.)
 */
type Row = Partial<Record<SubjectType, string>>;

const OWNER: Row = {
  Tenant: 'read update delete',
  TenantSettings: 'read update',
  RateLimits: 'read',
  AdminUser: 'read create update delete',
  ApiKey: 'read create update delete rotate',
  WhatsappSender: 'read create update delete rotate',
  WhatsappUser: 'read update delete',
  Message: 'read export',
  DeadLetter: 'read redrive',
  AuditEvent: 'read export',
  UrlRule: 'read create update delete',
};

const ADMIN: Row = {
  Tenant: 'read',
  TenantSettings: 'read update',
  RateLimits: 'read',
  AdminUser: 'read create update delete',
  ApiKey: 'read create update delete rotate',
  WhatsappSender: 'read create update delete rotate',
  WhatsappUser: 'read update delete',
  Message: 'read export',
  DeadLetter: 'read redrive',
  AuditEvent: 'read export',
  UrlRule: 'read create update delete',
};

const ANALYST: Row = {
  Tenant: 'read',
  RateLimits: 'read',
  WhatsappSender: 'read',
  WhatsappUser: 'read',
  Message: 'read export',
  DeadLetter: 'read',
  AuditEvent: 'read export',
  UrlRule: 'read',
};

const VIEWER: Row = {
  Tenant: 'read',
  Message: 'read',
};

/** Operators, on an object of any tenant (here, one that is not theirs: they have none). */
const PLATFORM: Row = {
  Tenant: 'read create update suspend',
  TenantSettings: 'read',
  RateLimits: 'read update',
  AdminUser: 'read',
  WhatsappSender: 'read',
  DeadLetter: 'read redrive',
  AuditEvent: 'read',
};

const MATRIX: [string, ActorContext, Row, string][] = [
  ['owner', userActor('owner'), OWNER, TENANT],
  ['admin', userActor('admin'), ADMIN, TENANT],
  ['analyst', userActor('analyst'), ANALYST, TENANT],
  ['viewer', userActor('viewer'), VIEWER, TENANT],
  ['platform admin', PLATFORM_ADMIN, PLATFORM, OTHER_TENANT],
];

describe.each(MATRIX)('%s', (_name, actor, row, tenantId) => {
  const ability = defineAbilityFor(actor);

  it.each(SUBJECT_TYPES)('%s: exactly the listed actions', (type) => {
    expect(allowedActions(ability, sample(type, tenantId))).toEqual(actions(row[type] ?? ''));
  });

  it('is never granted manage, on a type or an object', () => {
    for (const type of SUBJECT_TYPES) {
      expect(ability.can('manage', type)).toBe(false);
      expect(ability.can('manage', sample(type, tenantId))).toBe(false);
    }
  });
});

describe('admin on owners', () => {
  const admin = defineAbilityFor(userActor('admin'));
  const owner = defineAbilityFor(userActor('owner'));

  it('an admin may only read an owner', () => {
    expect(allowedActions(admin, sample('AdminUser', TENANT, { role: 'owner' }))).toEqual(['read']);
  });

  it('an owner may do everything to another owner', () => {
    expect(allowedActions(owner, sample('AdminUser', TENANT, { role: 'owner' }))).toEqual(
      actions('read create update delete'),
    );
  });

  it('an admin may manage admins, analysts and viewers', () => {
    for (const role of ['admin', 'analyst', 'viewer'] as const) {
      expect(allowedActions(admin, sample('AdminUser', TENANT, { role }))).toEqual(
        actions('read create update delete'),
      );
    }
  });

  it('a user object without a role matches no conditional rule', () => {
    expect(allowedActions(admin, sample('AdminUser', TENANT, { role: undefined }))).toEqual(['read']);
  });
});

describe('actors that hold nothing', () => {
  const cases: [string, ActorContext][] = [
    ['a user without a role', { actorType: 'user', actorId: 'u', tenantId: TENANT }],
    ['a user without a tenant', userActor('owner', null)],
    ['a user with an unknown role', { ...userActor('owner'), role: 'superadmin' as never }],
    ['an unknown actor type', { actorType: 'robot' as never, actorId: 'r', tenantId: TENANT, role: 'owner' }],
  ];

  it.each(cases)('%s is denied everything', (_name, actor) => {
    const ability = defineAbilityFor(actor);
    expect(ability.rules.filter((rule) => !rule.inverted)).toEqual([]);
    for (const type of SUBJECT_TYPES) expect(allowedActions(ability, sample(type, TENANT))).toEqual([]);
  });
});
