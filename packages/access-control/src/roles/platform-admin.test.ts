import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '../ability.ts';
import {
  OTHER_TENANT,
  PLATFORM_ADMIN,
  sample,
  sampleRecord,
  TENANT,
} from '../access-fixtures.test-helper.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { pickReadableFields } from '../fields.ts';
import { assertCanOrNotFound, authorizeCreate, authorizeUpdate } from '../guards.ts';
import { fieldsOf } from '../field-catalog.ts';
import { ACTIONS } from '../subjects.types.ts';

const platform = defineAbilityFor(PLATFORM_ADMIN);

describe('platform admin: no message content, no personal data', () => {
  it('cannot read messages or verdicts at all, in any tenant, on any field', () => {
    for (const tenantId of [TENANT, OTHER_TENANT]) {
      const message = sample('Message', tenantId);
      for (const action of ACTIONS) expect(platform.can(action, message), action).toBe(false);
      for (const field of fieldsOf('Message'))
        expect(platform.can('read', message, field), field).toBe(false);
    }
    expect(platform.can('read', 'Message')).toBe(false);
    expect(platform.can('export', 'Message')).toBe(false);
  });

  it('answers 404 for a message, as if it did not exist', () => {
    expect(() => assertCanOrNotFound(platform, 'read', sample('Message', TENANT))).toThrow(NotFoundError);
    expect(() => pickReadableFields(platform, 'Message', sampleRecord('Message', TENANT))).toThrow(
      NotFoundError,
    );
  });

  it('never sees WhatsApp users, API keys or URL rules', () => {
    for (const type of ['WhatsappUser', 'ApiKey', 'UrlRule'] as const) {
      expect(platform.can('read', type), type).toBe(false);
    }
  });

  it('a platform actor carrying a tenant and a role still gets only the operators’ table', () => {
    const odd = defineAbilityFor({
      ...PLATFORM_ADMIN,
      tenantId: TENANT,
      role: 'owner',
      scopes: ['messages:read'],
    });
    expect(odd.can('read', sample('Message', TENANT))).toBe(false);
    expect(odd.can('update', sample('AdminUser', TENANT))).toBe(false);
  });
});

describe('platform admin: operating tenants', () => {
  it('creates tenants from slug, name and tier only', () => {
    const input = { slug: 'acme-telco', name: 'Acme Telco', tier: 'enterprise' };
    expect(authorizeCreate(platform, 'Tenant', OTHER_TENANT, input)).toEqual(input);
    expect(() => authorizeCreate(platform, 'Tenant', OTHER_TENANT, { ...input, status: 'active' })).toThrow(
      ForbiddenError,
    );
  });

  it('renames, re-tiers and suspends any tenant, but does not delete one', () => {
    const tenant = sample('Tenant', OTHER_TENANT);
    expect(authorizeUpdate(platform, tenant, { tier: 'free' })).toEqual({ tier: 'free' });
    expect(() => assertCanOrNotFound(platform, 'suspend', tenant)).not.toThrow();
    expect(() => assertCanOrNotFound(platform, 'delete', tenant)).toThrow(ForbiddenError);
    expect(() => authorizeUpdate(platform, tenant, { status: 'active' })).toThrow(ForbiddenError);
  });

  it('overrides rate limits', () => {
    const limits = sample('RateLimits', OTHER_TENANT);
    expect(authorizeUpdate(platform, limits, { tenantPerMinute: 100 })).toEqual({ tenantPerMinute: 100 });
  });

  it("reads support data but changes nothing of a tenant's users, settings or senders", () => {
    for (const type of ['AdminUser', 'TenantSettings', 'WhatsappSender', 'AuditEvent'] as const) {
      const object = sample(type, OTHER_TENANT);
      expect(platform.can('read', object), type).toBe(true);
      for (const action of ['create', 'update', 'delete', 'rotate'] as const) {
        expect(platform.can(action, object), `${action} ${type}`).toBe(false);
      }
    }
  });

  it('re-drives dead letters and sees only their metadata', () => {
    const deadLetter = { ...sampleRecord('DeadLetter', OTHER_TENANT), body: 'leaked text' };
    expect(() => assertCanOrNotFound(platform, 'redrive', sample('DeadLetter', OTHER_TENANT))).not.toThrow();
    const seen = pickReadableFields(platform, 'DeadLetter', deadLetter);
    expect(seen).toEqual({
      tenantId: OTHER_TENANT,
      inboundMessageId: 'm-2',
      receivedAt: deadLetter.receivedAt,
      lastError: 'provider 500',
    });
  });
});
