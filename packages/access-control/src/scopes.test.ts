import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './ability.ts';
import {
  actions,
  ALL_SCOPES_KEY,
  allowedActions,
  apiKeyActor,
  OTHER_TENANT,
  sample,
  TENANT,
  userActor,
} from './access-fixtures.test-helper.ts';
import { TENANT_ROLES } from './actor.types.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { assertCanOrNotFound, authorizeCreate, authorizeUpdate } from './guards.ts';
import { API_KEY_SCOPE_NAMES, InvalidScopesError, parseApiKeyScopes, type ApiKeyScope } from './scopes.ts';
import { fieldsOf } from './field-catalog.ts';
import { ACTIONS, SUBJECT_TYPES, type SubjectType } from './subjects.types.ts';

/*
 * Each scope on its own, as a reader would check it: what a key holding only that scope may do in
 * its tenant. Everything else (other subjects, other actions) must be denied.
 */
const SCOPE_MATRIX: Record<ApiKeyScope, [SubjectType, string]> = {
  'tenant:read': ['Tenant', 'read'],
  'settings:read': ['TenantSettings', 'read'],
  'settings:write': ['TenantSettings', 'read update'],
  'ratelimits:read': ['RateLimits', 'read'],
  'senders:read': ['WhatsappSender', 'read'],
  'senders:write': ['WhatsappSender', 'read create update delete rotate'],
  'whatsappusers:read': ['WhatsappUser', 'read'],
  'whatsappusers:write': ['WhatsappUser', 'read update delete'],
  'messages:read': ['Message', 'read'],
  'messages:export': ['Message', 'export'],
  'deadletters:read': ['DeadLetter', 'read'],
  'deadletters:redrive': ['DeadLetter', 'redrive'],
  'audit:read': ['AuditEvent', 'read'],
  'audit:export': ['AuditEvent', 'export'],
  'urlrules:read': ['UrlRule', 'read'],
  'urlrules:write': ['UrlRule', 'read create update delete'],
  'users:read': ['AdminUser', 'read'],
  'users:write': ['AdminUser', 'read create update delete'],
  'apikeys:read': ['ApiKey', 'read'],
  'apikeys:write': ['ApiKey', 'read create update delete rotate'],
};

describe.each(Object.entries(SCOPE_MATRIX))('a key holding only %s', (scope, [granted, list]) => {
  const key = defineAbilityFor(apiKeyActor([scope]));
  // The target key holds the same scope, so the subset rule (tested below) does not hide the grant.
  const target = (type: SubjectType, tenantId: string) =>
    type === 'ApiKey' ? sample('ApiKey', tenantId, { scopes: [scope] }) : sample(type, tenantId);

  it.each(SUBJECT_TYPES)('%s: exactly what the scope names', (type) => {
    expect(allowedActions(key, target(type, TENANT))).toEqual(type === granted ? actions(list) : []);
  });

  it('nothing in another tenant', () => {
    for (const type of SUBJECT_TYPES) expect(allowedActions(key, target(type, OTHER_TENANT))).toEqual([]);
  });
});

describe('API key bounds', () => {
  it('in scope, in its tenant: allowed; out of scope: denied; other tenant: 404', () => {
    const key = defineAbilityFor(apiKeyActor(['messages:read']));
    expect(() => assertCanOrNotFound(key, 'read', sample('Message', TENANT))).not.toThrow();
    expect(() => assertCanOrNotFound(key, 'export', sample('Message', TENANT))).toThrow(ForbiddenError);
    expect(() => assertCanOrNotFound(key, 'read', sample('DeadLetter', TENANT))).toThrow(NotFoundError);
    expect(() => assertCanOrNotFound(key, 'read', sample('Message', OTHER_TENANT))).toThrow(NotFoundError);
  });

  it('no user or key administration unless scoped, whatever else the key holds', () => {
    const others = API_KEY_SCOPE_NAMES.filter((s) => !s.startsWith('users:') && !s.startsWith('apikeys:'));
    const key = defineAbilityFor(apiKeyActor(others));
    for (const type of ['AdminUser', 'ApiKey'] as const) {
      expect(allowedActions(key, sample(type, TENANT)), type).toEqual([]);
    }
  });

  it('no key touches the tenant itself, SSO or rate limits beyond reading', () => {
    const key = defineAbilityFor(ALL_SCOPES_KEY);
    expect(allowedActions(key, sample('Tenant', TENANT))).toEqual(['read']);
    expect(allowedActions(key, sample('RateLimits', TENANT))).toEqual(['read']);
    expect(key.can('update', sample('TenantSettings', TENANT), 'sso')).toBe(false);
    expect(key.can('update', sample('TenantSettings', TENANT), 'ssoEnforced')).toBe(false);
  });

  it('users:write manages analysts and viewers only: never mints an admin or an owner', () => {
    const key = defineAbilityFor(apiKeyActor(['users:write']));
    const create = (role: string) => () =>
      authorizeCreate(key, 'AdminUser', TENANT, { email: 'n@demobank.com', displayName: 'N', role });
    expect(create('viewer')).not.toThrow();
    expect(create('admin')).toThrow(ForbiddenError);
    expect(create('owner')).toThrow(ForbiddenError);
    expect(() => authorizeUpdate(key, sample('AdminUser', TENANT), { role: 'admin' })).toThrow(
      ForbiddenError,
    );
    expect(() =>
      authorizeUpdate(key, sample('AdminUser', TENANT, { role: 'admin' }), { role: 'viewer' }),
    ).toThrow(ForbiddenError);
  });

  it('apikeys:write mints and manages only keys within its own scopes', () => {
    const key = defineAbilityFor(apiKeyActor(['apikeys:write', 'messages:read']));
    const create = (scopes: string[]) => () => authorizeCreate(key, 'ApiKey', TENANT, { name: 'k', scopes });
    expect(create(['messages:read'])).not.toThrow();
    expect(create(['apikeys:write', 'messages:read'])).not.toThrow();
    expect(create(['messages:read', 'users:write'])).toThrow(ForbiddenError);
    expect(create(['messages:export'])).toThrow(ForbiddenError);

    // Rotating a wider key would hand over its new secret; deleting or renaming it is refused too.
    const wider = sample('ApiKey', TENANT, { scopes: ['users:write'] });
    for (const action of ['rotate', 'delete', 'update'] as const) {
      expect(() => assertCanOrNotFound(key, action, wider), action).toThrow(ForbiddenError);
    }
    expect(() => assertCanOrNotFound(key, 'rotate', sample('ApiKey', TENANT))).not.toThrow();
  });

  it('nobody creates a key with an unknown scope', () => {
    const owner = defineAbilityFor(userActor('owner'));
    expect(() => authorizeCreate(owner, 'ApiKey', TENANT, { name: 'k', scopes: ['admin:*'] })).toThrow(
      ForbiddenError,
    );
    expect(() =>
      authorizeCreate(owner, 'ApiKey', TENANT, { name: 'k', scopes: ['users:write'] }),
    ).not.toThrow();
  });

  it('a key without a tenant, or with only unknown scopes, holds nothing', () => {
    for (const actor of [
      apiKeyActor(API_KEY_SCOPE_NAMES, null),
      apiKeyActor(['messages:*', 'all', 'manage']),
    ]) {
      const key = defineAbilityFor(actor);
      for (const type of SUBJECT_TYPES) expect(allowedActions(key, sample(type, TENANT))).toEqual([]);
    }
  });

  it('a key never holds more than a tenant admin, on any object, action or field', () => {
    const key = defineAbilityFor(ALL_SCOPES_KEY);
    const admin = defineAbilityFor(userActor('admin'));
    const objects = [
      ...SUBJECT_TYPES.map((type) => sample(type, TENANT)),
      ...TENANT_ROLES.map((role) => sample('AdminUser', TENANT, { role })),
      sample('ApiKey', TENANT, { scopes: [...API_KEY_SCOPE_NAMES] }),
    ];
    for (const object of objects) {
      const type = key.detectSubjectType(object) as SubjectType;
      for (const action of ACTIONS) {
        if (key.can(action, object)) expect(admin.can(action, object), `${action} ${type}`).toBe(true);
        for (const field of fieldsOf(type)) {
          if (key.can(action, object, field)) {
            expect(admin.can(action, object, field), `${action} ${type}.${field}`).toBe(true);
          }
        }
      }
    }
  });
});

describe('parseApiKeyScopes', () => {
  it('accepts known scopes', () => {
    expect(parseApiKeyScopes(['messages:read', 'deadletters:redrive'])).toEqual([
      'messages:read',
      'deadletters:redrive',
    ]);
  });

  it.each([[[]], [['messages:read', 'messages:read']], [['messages:read', 'root']]])(
    'refuses %j',
    (scopes) => {
      expect(() => parseApiKeyScopes(scopes)).toThrow(InvalidScopesError);
    },
  );
});
