import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './ability.ts';
import {
  ALL_SCOPES_KEY,
  PLATFORM_ADMIN,
  sample,
  sampleRecord,
  TENANT,
  userActor,
} from './access-fixtures.test-helper.ts';
import type { ActorContext } from './actor.types.ts';
import { ForbiddenError, ForbiddenFieldsError } from './errors.ts';
import { permittedFieldsOf, pickPermittedFields, pickReadableFields } from './fields.ts';
import { authorizeCreate, authorizeUpdate } from './guards.ts';
import { stripSecretFields } from './field-catalog.ts';
import { ACTIONS, SUBJECT_TYPES } from './subjects.types.ts';

const owner = defineAbilityFor(userActor('owner'));
const admin = defineAbilityFor(userActor('admin'));
const analyst = defineAbilityFor(userActor('analyst'));
const viewer = defineAbilityFor(userActor('viewer'));

const EVERY_ACTOR: [string, ActorContext][] = [
  ['owner', userActor('owner')],
  ['admin', userActor('admin')],
  ['analyst', userActor('analyst')],
  ['viewer', userActor('viewer')],
  ['platform admin', PLATFORM_ADMIN],
  ['API key with every scope', ALL_SCOPES_KEY],
];

/** Runs `fn` and returns what it threw; fails the test if it did not throw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call was allowed');
}

describe('admin and the owner role', () => {
  const self = sample('AdminUser', TENANT, { id: 'user-admin', role: 'admin' });

  it('an admin cannot make themselves owner', () => {
    const error = thrownBy(() => authorizeUpdate(admin, self, { role: 'owner' }));
    expect(error).toBeInstanceOf(ForbiddenFieldsError);
    expect((error as ForbiddenFieldsError).fields).toEqual(['role']);
  });

  it('an admin cannot promote an analyst to owner', () => {
    const analystUser = sample('AdminUser', TENANT, { role: 'analyst' });
    expect(() => authorizeUpdate(admin, analystUser, { role: 'owner' })).toThrow(ForbiddenFieldsError);
  });

  it('an admin cannot create an owner', () => {
    const input = { email: 'new@demobank.com', displayName: 'New', role: 'owner' };
    expect(() => authorizeCreate(admin, 'AdminUser', TENANT, input)).toThrow(ForbiddenError);
  });

  it('an admin cannot pass owner inside an array of roles', () => {
    const input = { email: 'x@demobank.com', displayName: 'X', role: ['owner', 'admin'] };
    expect(() => authorizeCreate(admin, 'AdminUser', TENANT, input)).toThrow(ForbiddenError);
    const analystUser = sample('AdminUser', TENANT, { role: 'analyst' });
    expect(() => authorizeUpdate(admin, analystUser, { role: ['owner', 'admin'] })).toThrow(
      ForbiddenFieldsError,
    );
  });

  it('an admin cannot create a user with no role (the condition needs one)', () => {
    expect(() => authorizeCreate(admin, 'AdminUser', TENANT, { email: 'x@demobank.com' })).toThrow(
      ForbiddenError,
    );
  });

  it('an admin cannot edit, demote or disable an owner: 403, since they can see owners', () => {
    const ownerUser = sample('AdminUser', TENANT, { id: 'u-owner', role: 'owner' });
    for (const patch of [{ displayName: 'x' }, { role: 'admin' }, { status: 'disabled' }]) {
      const error = thrownBy(() => authorizeUpdate(admin, ownerUser, patch));
      expect(error).toBeInstanceOf(ForbiddenError);
    }
  });

  it('an admin may rename themselves and move non-owners between admin, analyst and viewer', () => {
    expect(authorizeUpdate(admin, self, { displayName: 'Ada' })).toEqual({ displayName: 'Ada' });
    const viewerUser = sample('AdminUser', TENANT, { role: 'viewer' });
    expect(authorizeUpdate(admin, viewerUser, { role: 'admin', status: 'disabled' })).toEqual({
      role: 'admin',
      status: 'disabled',
    });
    const input = { email: 'v@demobank.com', displayName: 'V', role: 'viewer' };
    expect(authorizeCreate(admin, 'AdminUser', TENANT, input)).toEqual(input);
  });

  it('an owner may create owners and promote to or demote from owner', () => {
    const input = { email: 'o@demobank.com', displayName: 'O', role: 'owner' };
    expect(authorizeCreate(owner, 'AdminUser', TENANT, input)).toEqual(input);
    const analystUser = sample('AdminUser', TENANT, { role: 'analyst' });
    expect(authorizeUpdate(owner, analystUser, { role: 'owner' })).toEqual({ role: 'owner' });
    const ownerUser = sample('AdminUser', TENANT, { role: 'owner' });
    expect(authorizeUpdate(owner, ownerUser, { role: 'viewer' })).toEqual({ role: 'viewer' });
  });

  it("nobody edits a user's email (the sign-in identity)", () => {
    for (const ability of [owner, admin]) {
      expect(() => authorizeUpdate(ability, sample('AdminUser', TENANT), { email: 'me@evil.test' })).toThrow(
        ForbiddenFieldsError,
      );
    }
  });
});

describe('tenantId and id are never writable', () => {
  it.each(EVERY_ACTOR)('%s: not on any subject, on create or update', (_name, actor) => {
    const ability = defineAbilityFor(actor);
    for (const type of SUBJECT_TYPES) {
      for (const action of ['create', 'update'] as const) {
        expect(ability.can(action, sample(type, TENANT), 'tenantId'), `${action} ${type}.tenantId`).toBe(
          false,
        );
        expect(ability.can(action, sample(type, TENANT), 'id'), `${action} ${type}.id`).toBe(false);
      }
    }
  });

  it('an admin cannot change the tenantId of a user', () => {
    const error = thrownBy(() => authorizeUpdate(admin, sample('AdminUser', TENANT), { tenantId: 'other' }));
    expect((error as ForbiddenFieldsError).fields).toContain('tenantId');
  });

  it('an owner cannot smuggle tenantId into a create payload', () => {
    const input = { list: 'block', domain: 'evil.example', tenantId: 'other' };
    const error = thrownBy(() => authorizeCreate(owner, 'UrlRule', TENANT, input));
    expect(error).toBeInstanceOf(ForbiddenFieldsError);
    expect((error as ForbiddenFieldsError).fields).toEqual(['tenantId']);
  });
});

describe('mass assignment is refused with every offending field listed', () => {
  it('rejects (does not drop) forbidden and unknown fields', () => {
    const patch = { displayName: 'Ana', tenantId: 'other', passwordHash: 'h', isPlatformAdmin: true };
    const error = thrownBy(() => authorizeUpdate(owner, sample('AdminUser', TENANT), patch));
    expect(error).toBeInstanceOf(ForbiddenFieldsError);
    expect((error as ForbiddenFieldsError).fields).toEqual(['tenantId', 'passwordHash', 'isPlatformAdmin']);
    expect((error as Error).message).toBe(
      'not allowed to update these fields of AdminUser: tenantId, passwordHash, isPlatformAdmin',
    );
  });

  it('rejects prototype keys from parsed JSON', () => {
    const patch = JSON.parse('{"__proto__": {"role": "owner"}, "note": "x"}') as Record<string, unknown>;
    expect(() => authorizeUpdate(owner, sample('UrlRule', TENANT), patch)).toThrow(ForbiddenFieldsError);
  });

  it('returns an allowed payload as a copy', () => {
    const patch = { note: 'phishing kit', list: 'block' };
    const checked = pickPermittedFields(owner, 'update', sample('UrlRule', TENANT), patch);
    expect(checked).toEqual(patch);
    expect(checked).not.toBe(patch);
  });

  it('an actor with no rule for the action fails even on an empty payload', () => {
    expect(() => pickPermittedFields(viewer, 'update', sample('UrlRule', TENANT), {})).toThrow(
      ForbiddenError,
    );
  });
});

describe('an analyst updates nothing', () => {
  it.each(SUBJECT_TYPES)('%s', (type) => {
    const object = sample(type, TENANT);
    for (const action of ACTIONS.filter((a) => a !== 'read' && a !== 'export')) {
      expect(analyst.can(action, object), `${action} ${type}`).toBe(false);
    }
    expect(() => authorizeUpdate(analyst, object, { tenantId: TENANT })).toThrow();
    expect(() => authorizeCreate(analyst, type, TENANT, {})).toThrow(ForbiddenError);
  });
});

describe('SSO settings are the owner’s', () => {
  const settings = sample('TenantSettings', TENANT);

  it('an admin may change the language and brand domains but not SSO or its enforcement', () => {
    expect(authorizeUpdate(admin, settings, { defaultLanguage: 'es' })).toEqual({ defaultLanguage: 'es' });
    for (const patch of [{ ssoEnforced: false }, { sso: { idpEntityId: 'https://idp.evil' } }]) {
      expect(() => authorizeUpdate(admin, settings, patch)).toThrow(ForbiddenFieldsError);
    }
  });

  it('an owner may change SSO and its enforcement', () => {
    expect(authorizeUpdate(owner, settings, { ssoEnforced: true, sso: {} })).toEqual({
      ssoEnforced: true,
      sso: {},
    });
  });
});

describe('secrets are write-only', () => {
  it('an owner and an admin may set a sender auth token on create and update', () => {
    const input = { phoneNumber: '+14155550100', accountSid: `AC${'1'.repeat(32)}`, authToken: 'tok' };
    expect(authorizeCreate(owner, 'WhatsappSender', TENANT, input)).toEqual(input);
    expect(authorizeUpdate(admin, sample('WhatsappSender', TENANT), { authToken: 'tok2' })).toEqual({
      authToken: 'tok2',
    });
  });

  it.each(EVERY_ACTOR)('%s can never read or export a secret field', (_name, actor) => {
    const ability = defineAbilityFor(actor);
    const secrets = [
      ['WhatsappSender', 'authToken'],
      ['WhatsappSender', 'authTokenSealed'],
      ['ApiKey', 'secretHash'],
      ['ApiKey', 'secret'],
      ['AdminUser', 'passwordHash'],
    ] as const;
    for (const [type, field] of secrets) {
      expect(ability.can('read', sample(type, TENANT), field), `${type}.${field}`).toBe(false);
      expect(ability.can('export', sample(type, TENANT), field), `${type}.${field}`).toBe(false);
      expect(ability.can('read', type, field), `${type}.${field}`).toBe(false);
    }
  });

  it('read models never carry them', () => {
    const sender = pickReadableFields(owner, 'WhatsappSender', sampleRecord('WhatsappSender', TENANT));
    expect(sender).not.toHaveProperty('authToken');
    expect(sender).not.toHaveProperty('authTokenSealed');
    expect(sender).toMatchObject({ phoneNumber: '+14155238886', status: 'active' });
    expect(pickReadableFields(owner, 'ApiKey', sampleRecord('ApiKey', TENANT))).not.toHaveProperty(
      'secretHash',
    );
    expect(pickReadableFields(admin, 'AdminUser', sampleRecord('AdminUser', TENANT))).not.toHaveProperty(
      'passwordHash',
    );
  });

  it('stripSecretFields removes them without an ability, and leaves the input alone', () => {
    const row = sampleRecord('WhatsappSender', TENANT);
    const stripped = stripSecretFields('WhatsappSender', row);
    expect(Object.keys(stripped).sort()).toEqual(
      ['accountSid', 'createdAt', 'id', 'phoneNumber', 'status', 'tenantId'].sort(),
    );
    expect(row.authToken).toBe('twilio-auth-token');
  });
});

describe('read models by role', () => {
  const message = sampleRecord('Message', TENANT);

  it('a viewer sees verdicts and metadata, never what was written or by whom', () => {
    const seen = pickReadableFields(viewer, 'Message', message);
    expect(seen).toMatchObject({ verdict: 'scam', status: 'replied', reasons: ['lookalike-domain'] });
    for (const field of ['body', 'media', 'fromPhone', 'profileName', 'urls', 'replyBody']) {
      expect(seen, field).not.toHaveProperty(field);
      expect(viewer.can('read', sample('Message', TENANT), field), field).toBe(false);
    }
  });

  it('an analyst sees the content', () => {
    expect(pickReadableFields(analyst, 'Message', message)).toMatchObject({ body: message.body });
  });

  it('fields outside the catalog are left out of read models', () => {
    const row = { ...sampleRecord('UrlRule', TENANT), internalScore: 3 };
    expect(pickReadableFields(owner, 'UrlRule', row)).not.toHaveProperty('internalScore');
  });

  it('permittedFieldsOf lists what an admin may set on a non-owner', () => {
    expect(permittedFieldsOf(admin, 'update', sample('AdminUser', TENANT)).sort()).toEqual(
      ['displayName', 'role', 'status'].sort(),
    );
    expect(permittedFieldsOf(admin, 'update', sample('AdminUser', TENANT, { role: 'owner' }))).toEqual([]);
  });
});
