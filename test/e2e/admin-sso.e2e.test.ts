import { createAccountService } from '@elara/identity/accounts';
import { createPasswordHasher } from '@elara/identity/passwords';
import { createTestIdp, type TestIdp } from '@elara/saml-sso/testing';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
const PASSWORD = 'correct horse battery staple';
const tenants: Record<'a' | 'b', { id: string; slug: string; idp: TestIdp; ownerToken: string }> =
  {} as never;

async function api(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; cookie?: string; form?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  return fetch(`${stack.api.url}/api/v1${path}`, { method, headers, body, redirect: 'manual' });
}

async function seed(key: 'a' | 'b') {
  const accounts = createAccountService({ pool: stack.pool, passwords: createPasswordHasher() });
  const tenant = await stack.builders.newTenant();
  await accounts.createUser({
    tenantId: tenant.id,
    email: `owner@${key}.example`,
    displayName: 'Owner',
    role: 'owner',
    password: PASSWORD,
  });
  const login = await api('POST', '/auth/login', {
    body: { tenant: tenant.slug, email: `owner@${key}.example`, password: PASSWORD },
  });
  const idp = await createTestIdp({ entityId: `https://idp.${key}.example/metadata` });
  tenants[key] = {
    id: tenant.id,
    slug: tenant.slug,
    idp,
    ownerToken: ((await login.json()) as { accessToken: string }).accessToken,
  };
  const saved = await api('PUT', '/sso-config', {
    token: tenants[key].ownerToken,
    body: {
      config: {
        idp: idp.settings(),
        attributeMapping: { groups: 'groups' },
        roleMapping: { groups: { 'elara-admins': 'admin' }, defaultRole: 'viewer' },
      },
    },
  });
  expect(saved.status).toBe(200);
}

/** Starts a login as a browser would: the AuthnRequest the IdP receives and the request cookie. */
async function startLogin(slug: string) {
  const res = await api('GET', `/sso/${slug}/login`);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64')).toString(
    'utf8',
  );
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const attr = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(xml)?.[1] ?? '';
  const issuer = /<saml:Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? '';
  return {
    request: {
      id: attr('ID'),
      acsUrl: attr('AssertionConsumerServiceURL'),
      destination: attr('Destination'),
      issuer,
    },
    cookie,
  };
}

beforeAll(async () => {
  stack = await startStack({ worker: false });
  await seed('a');
  await seed('b');
});
afterAll(() => stack.close());

describe('SAML sign-in through the admin API', () => {
  it('serves SP metadata per tenant', async () => {
    const res = await api('GET', `/sso/${tenants.a.slug}/metadata`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`/api/v1/sso/${tenants.a.slug}/acs`);
  });

  it('signs a user in just in time, with the role their groups map to, once per response', async () => {
    const { request, cookie } = await startLogin(tenants.a.slug);
    const samlResponse = tenants.a.idp.responseBase64({
      request,
      assertion: { nameId: 'dana@a.example', attributes: { groups: ['elara-admins'] } },
    });
    const res = await api('POST', `/sso/${tenants.a.slug}/acs`, {
      cookie,
      form: { SAMLResponse: samlResponse },
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { accessToken: string };
    const me = (await (await api('GET', '/me', { token: tokens.accessToken })).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({ actorType: 'user', tenantId: tenants.a.id, role: 'admin' });
    const replay = await api('POST', `/sso/${tenants.a.slug}/acs`, {
      cookie,
      form: { SAMLResponse: samlResponse },
    });
    expect(replay.status).toBe(401);
  });

  it("never lets tenant A's identity provider sign anyone in to tenant B", async () => {
    const { request, cookie } = await startLogin(tenants.b.slug);
    const forged = tenants.a.idp.responseBase64({ request, assertion: { nameId: 'owner@b.example' } });
    const res = await api('POST', `/sso/${tenants.b.slug}/acs`, { cookie, form: { SAMLResponse: forged } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'sso_rejected', message: 'the sign-in response was not accepted' },
    });
  });

  it('refuses a response the browser did not ask for (no request cookie)', async () => {
    const { request } = await startLogin(tenants.a.slug);
    const samlResponse = tenants.a.idp.responseBase64({ request, assertion: { nameId: 'eve@a.example' } });
    const res = await api('POST', `/sso/${tenants.a.slug}/acs`, {
      cookie: 'elara_saml_request=_0000',
      form: { SAMLResponse: samlResponse },
    });
    expect(res.status).toBe(401);
  });

  it('keeps SSO settings to owners, validated before they are saved', async () => {
    const invalid = await api('PUT', '/sso-config', {
      token: tenants.a.ownerToken,
      body: { config: { idp: { entityId: 'x' } } },
    });
    expect(invalid.status).toBe(400);
    const unknownTenant = await api('GET', '/sso/no-such-tenant/metadata');
    expect(unknownTenant.status).toBe(404);
  });

  it('records sign-ins, accepted and refused, in the audit log', async () => {
    const res = await api('GET', '/audit-events?action=session.sso_login', { token: tenants.a.ownerToken });
    const outcomes = ((await res.json()) as { items: Array<{ outcome: string }> }).items.map(
      (e) => e.outcome,
    );
    expect(outcomes).toEqual(expect.arrayContaining(['success', 'denied']));
  });
});
