import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIdp, readAuthnRequest, type TestIdp } from '../testing/test-idp.ts';
import {
  beginLogin,
  createSsoTestContext,
  expectRejected,
  PUBLIC_BASE_URL,
  tenantFor,
} from './sso-test-fixture.ts';

const ctx = createSsoTestContext();
let idp: TestIdp;
beforeAll(async () => {
  idp = await createTestIdp();
});
afterAll(() => ctx.close());

describe('SP endpoints and metadata', () => {
  it('derives the entity ID and ACS URL from the public base URL and the slug', () => {
    const tenant = tenantFor(idp, { slug: 'acme-bank' });
    expect(ctx.sso.endpoints(tenant)).toEqual({
      entityId: `${PUBLIC_BASE_URL}/api/v1/sso/acme-bank/metadata`,
      acsUrl: `${PUBLIC_BASE_URL}/api/v1/sso/acme-bank/acs`,
      loginUrl: `${PUBLIC_BASE_URL}/api/v1/sso/acme-bank/login`,
    });
  });

  it('publishes SP metadata with the entity ID, the POST ACS and signed assertions wanted', () => {
    const tenant = tenantFor(idp, { slug: 'acme-bank' });
    const xml = ctx.sso.spMetadata(tenant);
    expect(xml).toContain(`entityID="${PUBLIC_BASE_URL}/api/v1/sso/acme-bank/metadata"`);
    expect(xml).toContain(`Location="${PUBLIC_BASE_URL}/api/v1/sso/acme-bank/acs"`);
    expect(xml).toContain('Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(xml).toContain('WantAssertionsSigned="true"');
  });
});

describe('starting a login', () => {
  it('redirects to the IdP with a deflated AuthnRequest and remembers its id in Redis, per tenant', async () => {
    const tenant = tenantFor(idp);
    const login = await ctx.sso.startLogin(tenant, '/console/reports');
    expect(login.binding).toBe('HTTP-Redirect');
    if (login.binding !== 'HTTP-Redirect') return;
    const url = new URL(login.url);
    expect(`${url.origin}${url.pathname}`).toBe(idp.ssoUrl);
    expect(url.searchParams.get('RelayState')).toBe('/console/reports');
    const request = readAuthnRequest(login);
    expect(request).toEqual({
      id: login.requestId,
      issuer: ctx.sso.endpoints(tenant).entityId,
      acsUrl: ctx.sso.endpoints(tenant).acsUrl,
      destination: idp.ssoUrl,
    });
    const key = `${ctx.keyPrefix}:saml:{${tenant.tenantId}}:request:${login.requestId}`;
    expect(await ctx.redis.get(key)).not.toBeNull();
    expect(await ctx.redis.pttl(key)).toBeGreaterThan(590_000);
  });

  it('builds an undeflated form post for an IdP that only takes HTTP-POST', async () => {
    const postIdp = await createTestIdp({ ssoBinding: 'HTTP-POST', key: idp.key });
    const tenant = tenantFor(postIdp);
    const login = await ctx.sso.startLogin(tenant, 'state-1');
    expect(login).toMatchObject({
      binding: 'HTTP-POST',
      action: postIdp.ssoUrl,
      fields: { RelayState: 'state-1' },
    });
    expect(readAuthnRequest(login).id).toBe(login.requestId);
  });

  it('refuses a RelayState longer than the 80 bytes SAML allows', async () => {
    await expect(ctx.sso.startLogin(tenantFor(idp), 'x'.repeat(81))).rejects.toThrow(RangeError);
  });
});

describe('a good login', () => {
  it('yields the user, mapped role and session index, once', async () => {
    const tenant = tenantFor(idp, {
      attributeMapping: { email: 'mail', displayName: 'displayName', groups: 'groups' },
      roleMapping: { groups: { 'elara-admins': 'admin', 'elara-analysts': 'analyst' }, defaultRole: null },
    });
    const request = await beginLogin(ctx.sso, tenant);
    const samlResponse = idp.responseBase64({
      request,
      assertion: {
        nameId: '00u1abcd',
        nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        sessionIndex: '_session-1',
        attributes: {
          mail: 'Alice@Customer.Example',
          displayName: 'Alice Doe',
          groups: ['everyone', 'elara-analysts', 'elara-admins'],
        },
      },
    });

    const login = await ctx.sso.validateResponse(tenant, samlResponse);
    expect(login).toEqual({
      tenantId: tenant.tenantId,
      issuer: idp.entityId,
      nameId: '00u1abcd',
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      email: 'alice@customer.example',
      displayName: 'Alice Doe',
      role: 'admin',
      sessionIndex: '_session-1',
      requestId: request.id,
    });

    // The very same response, posted again: refused (its request id is spent).
    await expectRejected(ctx.sso.validateResponse(tenant, samlResponse), 'in_response_to_unknown');
  });

  it('accepts a tenant configured from the IdP metadata XML', async () => {
    const tenant = tenantFor(idp, { idp: { metadataXml: idp.metadataXml() } });
    const request = await beginLogin(ctx.sso, tenant);
    const login = await ctx.sso.validateResponse(tenant, idp.responseBase64({ request }));
    expect(login).toMatchObject({ email: 'alice@customer.example', role: 'viewer' });
  });

  it('binds the login to the browser that started it when the caller passes the request id', async () => {
    const tenant = tenantFor(idp);
    const mine = await beginLogin(ctx.sso, tenant);
    const theirs = await beginLogin(ctx.sso, tenant);
    // An attacker's own valid response, planted in the victim's browser (login CSRF).
    const planted = idp.responseBase64({ request: theirs });
    await expectRejected(
      ctx.sso.validateResponse(tenant, planted, { expectedRequestId: mine.id }),
      'in_response_to_mismatch',
    );
    const own = idp.responseBase64({ request: mine });
    await expect(
      ctx.sso.validateResponse(tenant, own, { expectedRequestId: mine.id }),
    ).resolves.toMatchObject({
      requestId: mine.id,
    });
  });
});
