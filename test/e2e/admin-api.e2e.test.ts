import { createAccountService } from '@elara/identity/accounts';
import { createPasswordHasher } from '@elara/identity/passwords';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
const tenants: Record<'a' | 'b', { id: string; slug: string; ownerId: string; analystId: string }> =
  {} as never;
const PASSWORD = 'correct horse battery staple';

async function seed(key: 'a' | 'b') {
  const accounts = createAccountService({ pool: stack.pool, passwords: createPasswordHasher() });
  const tenant = await stack.builders.newTenant();
  const owner = await accounts.createUser({
    tenantId: tenant.id,
    email: `owner@${key}.example`,
    displayName: `Owner ${key}`,
    role: 'owner',
    password: PASSWORD,
  });
  const analyst = await accounts.createUser({
    tenantId: tenant.id,
    email: `analyst@${key}.example`,
    displayName: `Analyst ${key}`,
    role: 'analyst',
    password: PASSWORD,
  });
  tenants[key] = { id: tenant.id, slug: tenant.slug, ownerId: owner.id, analystId: analyst.id };
}

beforeAll(async () => {
  stack = await startStack({ worker: false });
  await seed('a');
  await seed('b');
});
afterAll(() => stack.close());

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${stack.api.url}/api/v1${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

async function login(key: 'a' | 'b', who: 'owner' | 'analyst') {
  const res = await call('POST', '/auth/login', {
    body: { tenant: tenants[key].slug, email: `${who}@${key}.example`, password: PASSWORD },
  });
  expect(res.status).toBe(200);
  return res.json as { accessToken: string; refreshToken: string };
}

describe('the admin API', () => {
  it('serves its OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users', '/api/v1/api-keys']),
    );
  });

  it('signs a user in, and refuses a wrong password in the one error shape', async () => {
    const tokens = await login('a', 'owner');
    const me = await call('GET', '/me', { token: tokens.accessToken });
    expect(me.json).toMatchObject({
      actorType: 'user',
      actorId: tenants.a.ownerId,
      tenantId: tenants.a.id,
      role: 'owner',
    });
    const wrong = await call('POST', '/auth/login', {
      body: { tenant: tenants.a.slug, email: 'owner@a.example', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(Object.keys(wrong.json)).toEqual(['error']);
    expect(Object.keys(wrong.json.error).sort()).toEqual(['code', 'message']);
  });

  it('rotates refresh tokens and revokes the family when one is reused', async () => {
    const first = await login('a', 'analyst');
    const second = await call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    const reuse = await call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    const newest = await call('POST', '/auth/refresh', { body: { refreshToken: second.json.refreshToken } });
    expect(newest.status).toBe(401);
  });

  it('refuses requests without a valid credential', async () => {
    expect((await call('GET', '/users')).status).toBe(401);
    expect((await call('GET', '/users', { token: 'eyJhbGciOiJub25lIn0.e30.' })).status).toBe(401);
    expect((await call('GET', '/users', { token: 'elk_0000_forged' })).status).toBe(401);
  });

  it('lets an owner manage users but never promote past the rules or reach another tenant', async () => {
    const owner = (await login('a', 'owner')).accessToken;
    const created = await call('POST', '/users', {
      token: owner,
      body: { email: 'new@a.example', displayName: 'New', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.json)).not.toContain('passwordHash');
    const massAssign = await call('PATCH', `/users/${created.json.id}`, {
      token: owner,
      body: { tenantId: tenants.b.id },
    });
    expect(massAssign.status).toBe(400);
    const otherTenant = await call('GET', `/users/${tenants.b.ownerId}`, { token: owner });
    expect(otherTenant.status).toBe(404);
    const otherPatch = await call('PATCH', `/users/${tenants.b.analystId}`, {
      token: owner,
      body: { role: 'viewer' },
    });
    expect(otherPatch.status).toBe(404);
    const bAnalyst = await call('GET', `/users/${tenants.b.analystId}`, {
      token: (await login('b', 'owner')).accessToken,
    });
    expect(bAnalyst.json.role).toBe('analyst');
  });

  it('does not let an analyst create users', async () => {
    const analyst = (await login('a', 'analyst')).accessToken;
    const res = await call('POST', '/users', {
      token: analyst,
      body: { email: 'sneaky@a.example', displayName: 'Sneaky', role: 'owner' },
    });
    expect(res.status).toBe(403);
  });

  it('issues API keys shown once, scoped, revocable', async () => {
    const owner = (await login('a', 'owner')).accessToken;
    const created = await call('POST', '/api-keys', {
      token: owner,
      body: { name: 'reporting', scopes: ['audit:read'] },
    });
    expect(created.status).toBe(201);
    const key = created.json.apiKey as string;
    expect(key).toMatch(/^elk_/);
    const listed = await call('GET', '/api-keys', { token: owner });
    expect(JSON.stringify(listed.json)).not.toContain(key.slice(-20));
    expect((await call('GET', '/audit-events', { token: key })).status).toBe(200);
    expect((await call('GET', '/users', { token: key })).status).toBe(403);
    expect((await call('DELETE', `/api-keys/${created.json.key.id}`, { token: owner })).status).toBe(200);
    expect((await call('GET', '/audit-events', { token: key })).status).toBe(401);
  });

  it('records admin actions in the audit log, readable and exportable', async () => {
    const owner = (await login('a', 'owner')).accessToken;
    const events = await call('GET', '/audit-events?actionPrefix=admin_user.', { token: owner });
    expect(events.status).toBe(200);
    const actions = (events.json.items as Array<{ action: string; outcome: string }>).map(
      (e) => `${e.action}:${e.outcome}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['admin_user.create:success', 'admin_user.update:denied']),
    );
    const csv = await call('GET', '/audit-events/export.csv', { token: owner });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.json)).toContain('admin_user.create');
    const logins = await call('GET', '/audit-events?action=session.login', { token: owner });
    const loginOutcomes = (logins.json.items as Array<{ outcome: string }>).map((e) => e.outcome);
    expect(loginOutcomes).toEqual(expect.arrayContaining(['success', 'denied']));
    expect(JSON.stringify(logins.json)).not.toContain(PASSWORD);
    const jwks = await call('GET', '/auth/jwks.json');
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.json.keys[0].d).toBeUndefined();
    const otherChain = await call('GET', `/audit-events?chain=${tenants.b.id}`, { token: owner });
    expect(otherChain.status).toBe(404);
  });
});
