import { randomBytes } from 'node:crypto';
import { sampleValue } from '@elara/metrics/exposition';
import { randomPhone } from '@elara/testkit/builders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  freePort,
  newTenantWithSender,
  postInbound,
  startStack,
  type Stack,
} from '../support/stack.ts';

let stack: Stack;
let tenant: Awaited<ReturnType<typeof newTenantWithSender>>;
let workerMetricsUrl: string;
const token = randomBytes(32).toString('hex');

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    env: { METRICS_PORT: String(await freePort()), HEALTH_DETAILED_TOKEN: token, SERVICE_VERSION: '1.2.3' },
  });
  const worker = await stack.startWorker({ METRICS_PORT: String(await freePort()) });
  workerMetricsUrl = worker.metricsUrl!;
  tenant = await newTenantWithSender(stack);
});
afterAll(() => stack.close());

const scrape = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
};

describe('/metrics on the API and the worker', () => {
  it('serves metrics on their own ports, not on the public one', async () => {
    expect(stack.api.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(stack.api.metricsUrl!).port).not.toBe(new URL(stack.api.url).port);
    expect((await fetch(`${stack.api.url}/metrics`)).status).toBe(404);
  });

  it('moves the webhook, verdict, send and latency series for one message', async () => {
    const api = stack.api.metricsUrl!;
    const accepted = { route: 'whatsapp', outcome: 'accepted', tenant_id: tenant.tenantId };
    const scam = { verdict: 'scam', tenant_id: tenant.tenantId };
    const beforeApi = await scrape(api);
    const beforeWorker = await scrape(workerMetricsUrl);
    const user = randomPhone();
    const res = await postInbound(stack, {
      sender: tenant.sender,
      from: user,
      body: 'URGENT: your bank account is suspended. Verify your PIN now at http://bank-secure-login.xyz/login',
    });
    expect(res.status).toBe(200);
    await eventually(async () => stack.sandbox.messages().some((m) => m.to === `whatsapp:${user}`));

    const apiText = await scrape(api);
    const delta = (name: string, labels: Record<string, string>, after: string, before: string) =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('elara_webhook_requests_total', accepted, apiText, beforeApi)).toBe(1);
    expect(delta('elara_webhook_ack_duration_seconds_count', { route: 'whatsapp' }, apiText, beforeApi)).toBe(
      1,
    );
    expect(sampleValue(apiText, 'elara_process_cpu_seconds_total', { service: 'api' })).toBeGreaterThan(0);
    const lookups = ['hit', 'miss'].map((result) =>
      delta('elara_sender_cache_lookups_total', { result }, apiText, beforeApi),
    );
    // The message and, possibly, the delivery status callbacks for its reply each look the number up.
    expect(lookups[0]! + lookups[1]!).toBeGreaterThanOrEqual(1);

    // The reply reached the sandbox just before the worker counted it: poll briefly.
    const workerText = await eventually(async () => {
      const text = await scrape(workerMetricsUrl);
      return delta('elara_webhook_to_reply_seconds_count', {}, text, beforeWorker) === 1 ? text : null;
    });
    expect(delta('elara_verdicts_total', scam, workerText, beforeWorker)).toBe(1);
    expect(delta('elara_provider_sends_total', { outcome: 'accepted' }, workerText, beforeWorker)).toBe(1);
    expect(
      delta(
        'elara_job_duration_seconds_count',
        { job: 'whatsapp.processInbound', outcome: 'completed' },
        workerText,
        beforeWorker,
      ),
    ).toBe(1);
    expect(sampleValue(workerText, 'elara_dead_letters', { service: 'worker' })).toBe(0);
  });

  it('counts a forged signature as bad_signature for its tenant', async () => {
    const api = stack.api.metricsUrl!;
    const labels = { route: 'whatsapp', outcome: 'bad_signature', tenant_id: tenant.tenantId };
    const before = sampleValue(await scrape(api), 'elara_webhook_requests_total', labels) ?? 0;
    const res = await postInbound(stack, { sender: tenant.sender, signWith: 'not-the-token' });
    expect(res.status).toBe(403);
    expect(sampleValue(await scrape(api), 'elara_webhook_requests_total', labels)).toBe(before + 1);
  });
});

describe('GET /health/detailed', () => {
  const url = () => `${stack.api.url}/health/detailed`;

  it('answers 401 without the operator token or with a wrong one', async () => {
    expect((await fetch(url())).status).toBe(401);
    const wrong = await fetch(url(), { headers: { authorization: `Bearer ${token.slice(1)}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 'unauthorized', message: 'operator token required' },
    });
  });

  it('reports every dependency with the token', async () => {
    const res = await fetch(url(), { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Record<string, unknown> & {
      checks: Record<string, Record<string, unknown>>;
    };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: 'ok', version: '1.2.3' });
    const { postgres, redis, queues, twilio, migrations } = body.checks;
    for (const check of [postgres, redis, queues, twilio, migrations]) {
      expect(check).toMatchObject({ ok: true });
      expect(check!.latencyMs).toEqual(expect.any(Number));
    }
    expect(queues!.queues).toEqual([
      expect.objectContaining({
        queue: 'whatsapp-inbound',
        counts: expect.objectContaining({ waiting: expect.any(Number) }),
      }),
      expect.objectContaining({ queue: 'maintenance' }),
    ]);
    expect(twilio!.httpStatus).toEqual(expect.any(Number));
    expect(migrations, JSON.stringify(migrations)).toMatchObject({
      version: 10,
      name: 'health-schema-version',
    });
  });
});
