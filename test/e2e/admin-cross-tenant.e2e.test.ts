import { createHash, randomBytes } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { createAccountService } from '@elara/identity/accounts';
import { createPasswordHasher } from '@elara/identity/passwords';
import { randomMessageSid, randomPhone } from '@elara/testkit/builders';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/*
 * The cross-tenant matrix: every admin API route that names an object (in its path) or a tenant
 * (the tenantId query) is called by tenant A's owner, and by an API key of tenant A with every
 * scope, aimed at tenant B's objects. Each must answer 403 or 404, and B's data must be unchanged.
 * A route added later without an entry here fails the coverage test.
 */

let stack: Stack;
const PASSWORD = 'correct horse battery staple';
const b = {} as {
  tenantId: string;
  userId: string;
  senderId: string;
  waUserId: string;
  messageId: string;
  keyId: string;
  domain: string;
};
let ownerA: string;
let keyA: string;

async function json(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${stack.api.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.text() };
}

async function signIn(slug: string, email: string): Promise<string> {
  const res = await fetch(`${stack.api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: slug, email, password: PASSWORD }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A digest of everything tenant B owns, read as the database owner (no RLS). */
async function snapshotOfB(): Promise<string> {
  const client = new pg.Client({ connectionString: stack.db.ownerUrl });
  await client.connect();
  const tables = [
    'admin_users',
    'whatsapp_senders',
    'tenant_url_rules',
    'whatsapp_users',
    'inbound_messages',
    'api_keys',
    'tenant_sso_configs',
  ];
  let state = '';
  for (const table of tables) {
    const { rows } = await client.query(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY 1, 2`, [
      b.tenantId,
    ]);
    state += JSON.stringify(rows);
  }
  const tenant = await client.query('SELECT * FROM tenants WHERE id = $1', [b.tenantId]);
  state += JSON.stringify(tenant.rows);
  await client.end();
  return createHash('sha256').update(state).digest('hex');
}

beforeAll(async () => {
  stack = await startStack({ worker: false });
  const accounts = createAccountService({ pool: stack.pool, passwords: createPasswordHasher() });
  const a = await stack.builders.newTenant();
  const tb = await stack.builders.newTenant();
  await accounts.createUser({
    tenantId: a.id,
    email: 'owner@a.example',
    displayName: 'A',
    role: 'owner',
    password: PASSWORD,
  });
  await accounts.createUser({
    tenantId: tb.id,
    email: 'owner@b.example',
    displayName: 'B',
    role: 'owner',
    password: PASSWORD,
  });
  const bAnalyst = await accounts.createUser({
    tenantId: tb.id,
    email: 'analyst@b.example',
    displayName: 'B2',
    role: 'analyst',
    password: PASSWORD,
  });
  const sender = await stack.builders.newSender(tb.id);
  const ids = await withTenant(stack.pool, tb.id, async (tx) => {
    const user = await tx.query(
      `INSERT INTO whatsapp_users (tenant_id, phone) VALUES ($1, $2) RETURNING id`,
      [tb.id, randomPhone()],
    );
    const message = await tx.query(
      `INSERT INTO inbound_messages (tenant_id, sender_id, message_sid, from_phone, body, whatsapp_user_id, status)
       VALUES ($1, $2, $3, $4, 'hello', $5, 'dead_lettered') RETURNING id`,
      [tb.id, sender.id, randomMessageSid(), randomPhone(), user.rows[0].id],
    );
    await tx.query(
      `INSERT INTO tenant_url_rules (tenant_id, list, domain) VALUES ($1, 'block', 'b-only.example')`,
      [tb.id],
    );
    return { waUserId: user.rows[0].id as string, messageId: message.rows[0].id as string };
  });
  ownerA = await signIn(a.slug, 'owner@a.example');
  const ownerB = await signIn(tb.slug, 'owner@b.example');
  const bKey = await json('POST', '/api-keys', ownerB, { name: 'b', scopes: ['audit:read'] });
  const allScopes = [
    'tenant:read',
    'settings:write',
    'ratelimits:read',
    'senders:write',
    'whatsappusers:write',
    'messages:export',
    'deadletters:redrive',
    'audit:export',
    'urlrules:write',
    'users:write',
    'apikeys:write',
  ];
  const aKey = await json('POST', '/api-keys', ownerA, { name: 'a', scopes: allScopes });
  expect(aKey.status).toBe(201);
  keyA = JSON.parse(aKey.body).apiKey;
  Object.assign(b, {
    tenantId: tb.id,
    userId: bAnalyst.id,
    senderId: sender.id,
    keyId: JSON.parse(bKey.body).key.id,
    domain: 'b-only.example',
    ...ids,
  });
});
afterAll(() => stack.close());

/** Every request aimed at B, keyed by "METHOD /route/pattern" as in the OpenAPI document. */
function matrix(): Array<[route: string, method: string, path: string, body?: unknown]> {
  const q = `?tenantId=${b.tenantId}`;
  return [
    ['GET /users/{userId}', 'GET', `/users/${b.userId}`],
    ['PATCH /users/{userId}', 'PATCH', `/users/${b.userId}`, { role: 'viewer' }],
    ['POST /api-keys/{keyId}/rotate', 'POST', `/api-keys/${b.keyId}/rotate`],
    ['DELETE /api-keys/{keyId}', 'DELETE', `/api-keys/${b.keyId}`],
    ['GET /tenants/{tenantId}', 'GET', `/tenants/${b.tenantId}`],
    ['PATCH /tenants/{tenantId}', 'PATCH', `/tenants/${b.tenantId}`, { name: 'Taken over' }],
    ['POST /tenants/{tenantId}/suspend', 'POST', `/tenants/${b.tenantId}/suspend`],
    ['POST /tenants/{tenantId}/reactivate', 'POST', `/tenants/${b.tenantId}/reactivate`],
    ['GET /settings', 'GET', `/settings${q}`],
    ['PATCH /settings', 'PATCH', `/settings${q}`, { defaultLanguage: 'fr' }],
    ['GET /rate-limits', 'GET', `/rate-limits${q}`],
    ['GET /senders', 'GET', `/senders${q}`],
    [
      'POST /senders',
      'POST',
      `/senders${q}`,
      {
        phoneNumber: randomPhone(),
        accountSid: `AC${randomBytes(16).toString('hex')}`,
        authToken: randomBytes(16).toString('hex'),
      },
    ],
    ['GET /senders/{senderId}', 'GET', `/senders/${b.senderId}`],
    ['PATCH /senders/{senderId}', 'PATCH', `/senders/${b.senderId}`, { status: 'disabled' }],
    [
      'POST /senders/{senderId}/rotate',
      'POST',
      `/senders/${b.senderId}/rotate`,
      { authToken: randomBytes(16).toString('hex') },
    ],
    ['DELETE /senders/{senderId}', 'DELETE', `/senders/${b.senderId}`],
    ['GET /url-rules', 'GET', `/url-rules${q}`],
    ['PUT /url-rules', 'PUT', `/url-rules${q}`, { list: 'allow', domain: 'evil.example' }],
    ['DELETE /url-rules/{domain}', 'DELETE', `/url-rules/${b.domain}${q}`],
    ['GET /whatsapp-users', 'GET', `/whatsapp-users${q}`],
    ['GET /whatsapp-users/{userId}', 'GET', `/whatsapp-users/${b.waUserId}`],
    ['PATCH /whatsapp-users/{userId}', 'PATCH', `/whatsapp-users/${b.waUserId}`, { optedOut: true }],
    ['DELETE /whatsapp-users/{userId}', 'DELETE', `/whatsapp-users/${b.waUserId}`],
    ['GET /messages', 'GET', `/messages${q}`],
    ['GET /messages/{messageId}', 'GET', `/messages/${b.messageId}`],
    ['GET /dead-letters', 'GET', `/dead-letters${q}`],
    ['POST /dead-letters/{messageId}/redrive', 'POST', `/dead-letters/${b.messageId}/redrive`],
    ['POST /dead-letters/redrive-all', 'POST', `/dead-letters/redrive-all${q}`],
    ['GET /audit-events', 'GET', `/audit-events?chain=${b.tenantId}`],
    ['GET /audit-events/export.csv', 'GET', `/audit-events/export.csv?chain=${b.tenantId}`],
  ];
}

describe("tenant A aimed at tenant B's objects", () => {
  it('covers every route that names an object or a tenant', async () => {
    const doc = JSON.parse((await json('GET', '/openapi.json', ownerA)).body) as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    const needed: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        if (params.some((p) => p.in === 'path' || p.name === 'tenantId' || p.name === 'chain')) {
          needed.push(`${method.toUpperCase()} ${path.replace('/api/v1', '')}`);
        }
      }
    }
    const covered = new Set(matrix().map(([route]) => route));
    expect(needed.filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const who of ['owner', 'api key'] as const) {
    it(`answers 403 or 404 to every request of A's ${who}, and B is unchanged`, async () => {
      const token = who === 'owner' ? ownerA : keyA;
      const before = await snapshotOfB();
      const answers: string[] = [];
      for (const [route, method, path, body] of matrix()) {
        const res = await json(method, path, token, body);
        answers.push(`${route} -> ${res.status}`);
        expect([403, 404], `${route} answered ${res.status}: ${res.body.slice(0, 200)}`).toContain(
          res.status,
        );
        expect(Object.keys(JSON.parse(res.body))).toEqual(['error']);
      }
      expect(await snapshotOfB()).toBe(before);
      expect(answers).toHaveLength(matrix().length);
    });
  }
});
