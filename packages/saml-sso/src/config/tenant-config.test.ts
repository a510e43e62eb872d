import { beforeAll, describe, expect, it } from 'vitest';
import { createTestIdp, type TestIdp } from '../testing/test-idp.ts';
import { SamlConfigError } from './saml-config-error.ts';
import { parseTenantSamlConfig } from './tenant-config.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await createTestIdp();
});

const base = () => ({
  tenantId: 'tenant-1',
  slug: 'acme-bank',
  idp: idp.settings(),
  roleMapping: { defaultRole: 'viewer' },
});

function expectField(input: unknown, field: string): void {
  expect(() => parseTenantSamlConfig(input)).toThrow(SamlConfigError);
  expect(() => parseTenantSamlConfig(input)).toThrow(expect.objectContaining({ field }));
}

describe('tenant SAML configuration', () => {
  it('fills in defaults', () => {
    expect(parseTenantSamlConfig(base())).toEqual({
      tenantId: 'tenant-1',
      slug: 'acme-bank',
      idp: {
        entityId: idp.entityId,
        ssoUrl: idp.ssoUrl,
        ssoBinding: 'HTTP-Redirect',
        certificates: [idp.certificatePem],
      },
      nameIdFormat: 'emailAddress',
      attributeMapping: { email: null, displayName: null, groups: null },
      roleMapping: { groups: {}, defaultRole: 'viewer' },
      ssoOnly: false,
      maxAssertionAgeSeconds: 300,
      clockSkewSeconds: 60,
    });
  });

  it('takes the IdP from metadata XML', () => {
    const config = parseTenantSamlConfig({ ...base(), idp: { metadataXml: idp.metadataXml() } });
    expect(config.idp).toEqual(parseTenantSamlConfig(base()).idp);
  });

  it('accepts a bare base64 certificate and removes duplicates', () => {
    const body = idp.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
    const config = parseTenantSamlConfig({
      ...base(),
      idp: { ...idp.settings(), certificates: [body, idp.certificatePem] },
    });
    expect(config.idp.certificates).toEqual([idp.certificatePem]);
  });

  it('maps groups to roles', () => {
    const config = parseTenantSamlConfig({
      ...base(),
      attributeMapping: { email: 'mail', groups: 'memberOf' },
      roleMapping: { groups: { 'CN=Elara Admins,OU=Groups': 'admin' }, defaultRole: null },
    });
    expect(config.roleMapping).toEqual({
      groups: { 'CN=Elara Admins,OU=Groups': 'admin' },
      defaultRole: null,
    });
  });

  it('rejects a clock skew over 180 s', () =>
    expectField({ ...base(), clockSkewSeconds: 181 }, 'clockSkewSeconds'));
  it('rejects a negative clock skew', () =>
    expectField({ ...base(), clockSkewSeconds: -1 }, 'clockSkewSeconds'));
  it('rejects a fractional max age', () =>
    expectField({ ...base(), maxAssertionAgeSeconds: 1.5 }, 'maxAssertionAgeSeconds'));
  it('rejects a slug that is not URL-safe', () => expectField({ ...base(), slug: '../admin' }, 'slug'));
  it('rejects a tenant id that could break out of a Redis hash tag', () =>
    expectField({ ...base(), tenantId: 'a}b' }, 'tenantId'));
  it('rejects an unknown role', () =>
    expectField({ ...base(), roleMapping: { defaultRole: 'root' } }, 'roleMapping.defaultRole'));
  it('rejects group mappings without a groups attribute', () =>
    expectField({ ...base(), roleMapping: { groups: { admins: 'admin' } } }, 'roleMapping.groups'));
  it('rejects a mapping under which nobody could sign in', () =>
    expectField({ ...base(), roleMapping: { defaultRole: null } }, 'roleMapping'));
  it('rejects both metadata and fields for the IdP', () =>
    expectField({ ...base(), idp: { ...idp.settings(), metadataXml: idp.metadataXml() } }, 'idp'));
  it('rejects an IdP without certificates', () =>
    expectField({ ...base(), idp: { ...idp.settings(), certificates: [] } }, 'idp.certificates'));
  it('rejects a private key pasted as a certificate', () =>
    expectField(
      { ...base(), idp: { ...idp.settings(), certificates: [idp.key.privateKeyPem] } },
      'idp.certificates[0]',
    ));
  it('rejects more than four certificates', async () => {
    const others = await Promise.all([1, 2, 3, 4].map(() => createTestIdp()));
    expectField(
      {
        ...base(),
        idp: {
          ...idp.settings(),
          certificates: [idp.certificatePem, ...others.map((o) => o.certificatePem)],
        },
      },
      'idp.certificates',
    );
  });
  it('rejects an SSO URL with credentials', () =>
    expectField(
      { ...base(), idp: { ...idp.settings(), ssoUrl: 'https://user:pw@idp.test/sso' } },
      'idp.ssoUrl',
    ));
  it('allows http only on loopback (local development)', () => {
    expect(
      parseTenantSamlConfig({ ...base(), idp: { ...idp.settings(), ssoUrl: 'http://127.0.0.1:8080/sso' } })
        .idp.ssoUrl,
    ).toBe('http://127.0.0.1:8080/sso');
    expectField({ ...base(), idp: { ...idp.settings(), ssoUrl: 'http://idp.test/sso' } }, 'idp.ssoUrl');
  });
  it('rejects an entity ID with control characters', () =>
    expectField({ ...base(), idp: { ...idp.settings(), entityId: 'https://idp.test/\n' } }, 'idp.entityId'));
});
