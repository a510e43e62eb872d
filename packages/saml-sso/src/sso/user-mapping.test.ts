import { describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import type { AssertionClaims } from './assertion-claims.ts';
import { SamlRejected } from './saml-rejected.ts';
import { mapUser } from './user-mapping.ts';

const tenant = (overrides: Partial<TenantSamlConfig> = {}): TenantSamlConfig => ({
  tenantId: 't',
  slug: 't',
  idp: { entityId: 'idp', ssoUrl: 'https://idp.test', ssoBinding: 'HTTP-Redirect', certificates: [] },
  nameIdFormat: 'emailAddress',
  attributeMapping: { email: 'mail', displayName: 'name', groups: 'groups' },
  roleMapping: {
    groups: { viewers: 'viewer', analysts: 'analyst', admins: 'admin', owners: 'owner' },
    defaultRole: null,
  },
  ssoOnly: false,
  maxAssertionAgeSeconds: 300,
  clockSkewSeconds: 60,
  ...overrides,
});

const claims = (attributes: Record<string, string[]>, nameId = 'n-1'): AssertionClaims => ({
  id: '_a',
  issueInstant: null,
  issuer: 'idp',
  nameId,
  nameIdFormat: null,
  confirmations: [],
  notBefore: null,
  notOnOrAfter: null,
  audienceRestrictions: [],
  unknownConditions: 0,
  sessionIndex: null,
  attributes: new Map(Object.entries(attributes)),
});

describe('mapUser', () => {
  it('takes the most privileged mapped role, lower-cases the email, keeps the display name', () => {
    const user = mapUser(
      tenant(),
      claims({ mail: ['Bob@Example.COM'], name: [' Bob B. '], groups: ['analysts', 'admins', 'other'] }),
    );
    expect(user).toEqual({ email: 'bob@example.com', displayName: 'Bob B.', role: 'admin' });
  });

  it('gives the default role to users without a mapped group', () => {
    const user = mapUser(
      tenant({ roleMapping: { groups: {}, defaultRole: 'viewer' } }),
      claims({ mail: ['a@b.example'] }),
    );
    expect(user.role).toBe('viewer');
  });

  it('refuses users without a mapped group when there is no default role', () => {
    expect(() => mapUser(tenant(), claims({ mail: ['a@b.example'], groups: ['other'] }))).toThrow(
      expect.objectContaining({ code: 'no_role' }),
    );
  });

  it('does not map group names that exist on Object.prototype', () => {
    const run = () =>
      mapUser(tenant(), claims({ mail: ['a@b.example'], groups: ['constructor', '__proto__', 'toString'] }));
    expect(run).toThrow(SamlRejected);
    expect(run).toThrow(expect.objectContaining({ code: 'no_role' }));
  });

  it('uses the NameID as email when no email attribute is mapped', () => {
    const config = tenant({ attributeMapping: { email: null, displayName: null, groups: 'groups' } });
    expect(mapUser(config, claims({ groups: ['viewers'] }, 'Carol@Example.com'))).toMatchObject({
      email: 'carol@example.com',
      displayName: null,
    });
  });

  it('refuses two different email values, a missing one, or one that is not an email', () => {
    for (const mail of [['a@b.example', 'c@d.example'], [], ['not-an-email'], ['a@b']]) {
      expect(() => mapUser(tenant(), claims({ mail, groups: ['viewers'] }))).toThrow(
        expect.objectContaining({ code: 'missing_identity' }),
      );
    }
  });

  it('strips control characters from the display name', () => {
    expect(
      mapUser(tenant(), claims({ mail: ['a@b.example'], name: ['Eve\u0000\u001b[31m'], groups: ['viewers'] }))
        .displayName,
    ).toBe('Eve[31m');
  });
});
