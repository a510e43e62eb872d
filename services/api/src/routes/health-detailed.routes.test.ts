import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { DetailedHealth } from '../health-checks.ts';
import { detailedHealthRoutes } from './health-detailed.routes.ts';

const TOKEN = 'operator-token-0123456789abcdef0123456789';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function health(ok: boolean): DetailedHealth {
  const check = { ok, latencyMs: 1 };
  return {
    status: ok ? 'ok' : 'degraded',
    version: 'v',
    checks: { postgres: check, redis: check, queues: check, twilio: check, migrations: check },
  };
}

async function serve(token: string | undefined, ok = true): Promise<string> {
  const app = express().use(detailedHealthRoutes({ token, check: async () => health(ok) }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/detailed`;
}

describe('GET /health/detailed', () => {
  it('does not exist without a configured token', async () => {
    const url = await serve(undefined);
    expect((await fetch(url, { headers: { authorization: 'Bearer anything' } })).status).toBe(404);
  });

  it('answers 401 to a missing, wrong or non-bearer credential', async () => {
    const url = await serve(TOKEN);
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, 'Bearer']) {
      const res = await fetch(url, { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 200 when every check passes and 503 when one fails', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const okUrl = await serve(TOKEN, true);
    const ok = await fetch(okUrl, { headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok' });
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const badUrl = await serve(TOKEN, false);
    const bad = await fetch(badUrl, { headers });
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ status: 'degraded' });
  });
});
