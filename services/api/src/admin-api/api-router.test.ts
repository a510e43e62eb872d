import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createLogger } from '@elara/logger/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { notFound } from './api-errors.ts';
import { defineRoute } from './api-route.ts';
import { createApiRouter } from './api-router.ts';

interface Actor {
  name: string;
}

class DomainForbidden extends Error {}

const routes = [
  defineRoute<Actor, z.ZodObject<{ id: z.ZodUUID }>>({
    method: 'get',
    path: '/things/:id',
    summary: 'One thing',
    tag: 'things',
    auth: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: {
      status: 200,
      schema: z.object({ id: z.string(), owner: z.string() }),
      description: 'The thing',
    },
    handle: async ({ params, actor }) => {
      if (params.id === '00000000-0000-4000-8000-000000000000') throw notFound('thing');
      if (params.id === '00000000-0000-4000-8000-000000000001') throw new DomainForbidden('no');
      if (params.id === '00000000-0000-4000-8000-000000000002') throw new Error('secret database detail');
      return { status: 200, body: { id: params.id, owner: actor.name } };
    },
  }),
  defineRoute<Actor, undefined, undefined, z.ZodObject<{ name: z.ZodString }>>({
    method: 'post',
    path: '/things',
    summary: 'Create a thing',
    tag: 'things',
    auth: 'authenticated',
    body: z.strictObject({ name: z.string().min(1).max(20) }),
    response: { status: 201, schema: z.object({ name: z.string() }), description: 'Created' },
    handle: async ({ body }) => ({ status: 201, body: { name: body.name } }),
  }),
];

let server: Server;
let base: string;
const reported: Array<{ message: string; route: string }> = [];
beforeAll(async () => {
  const app = express();
  app.use(
    createApiRouter<Actor>({
      routes,
      authenticate: async (req) => (req.headers.authorization === 'Bearer good' ? { name: 'ana' } : null),
      mapError: (error) => (error instanceof DomainForbidden ? notFound('thing') : null),
      logger: createLogger({ service: 'test', level: 'silent', version: 'test' }),
      version: 'test',
      reportError: (error, context) =>
        reported.push({ message: (error as Error).message, route: context.route }),
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const auth = { authorization: 'Bearer good', 'content-type': 'application/json' };
const id = '6f1c2b1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('the admin API router', () => {
  it('answers a valid, authenticated request', async () => {
    const res = await fetch(`${base}/api/v1/things/${id}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, owner: 'ana' });
  });

  it('answers 401 without credentials, in the one error shape', async () => {
    const res = await fetch(`${base}/api/v1/things/${id}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'authentication required' } });
  });

  it('rejects invalid params, unknown fields and malformed JSON with 400', async () => {
    const bad = await fetch(`${base}/api/v1/things/not-a-uuid`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    const extra = await fetch(`${base}/api/v1/things`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'x', tenantId: 'other' }),
    });
    expect(extra.status).toBe(400);
    const malformed = await fetch(`${base}/api/v1/things`, {
      method: 'POST',
      headers: auth,
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: { code: 'bad_request', message: 'body could not be parsed' },
    });
  });

  it('maps domain errors, and hides unexpected ones behind a generic 500', async () => {
    const missing = await fetch(`${base}/api/v1/things/00000000-0000-4000-8000-000000000000`, {
      headers: auth,
    });
    expect(missing.status).toBe(404);
    const hidden = await fetch(`${base}/api/v1/things/00000000-0000-4000-8000-000000000001`, {
      headers: auth,
    });
    expect(hidden.status).toBe(404);
    const crash = await fetch(`${base}/api/v1/things/00000000-0000-4000-8000-000000000002`, {
      headers: auth,
    });
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).not.toContain('secret database detail');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    // Only the unexpected error is reported (Sentry), with its route, not the mapped ones.
    expect(reported).toEqual([{ message: 'secret database detail', route: 'GET /api/v1/things/:id' }]);
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/things', '/api/v1/things/{id}']);
    expect(JSON.stringify(doc.paths['/api/v1/things']?.post)).toContain('"maxLength":20');
  });
});
