import { randomBytes } from 'node:crypto';
import { withTenant } from '@elara/db/tenant';
import { randomMessageSid } from '@elara/testkit/builders';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundParams, newTenantWithSender, postInbound, startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let tenant: Awaited<ReturnType<typeof newTenantWithSender>>;

/** Inbound rows this tenant has, as the app role sees them. */
async function storedMessageSids(): Promise<string[]> {
  const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
    tx.query('SELECT message_sid FROM inbound_messages'),
  );
  return rows.map((r) => r.message_sid);
}

async function queuedJobs(): Promise<number> {
  const queue = new Queue('whatsapp-inbound', {
    connection: stack.redis,
    prefix: stack.env.REDIS_KEY_PREFIX!,
  });
  return queue.getWaitingCount();
}

// No worker: these tests look at what the webhook stores and queues.
beforeAll(async () => {
  stack = await startStack({ worker: false, publicBaseUrl: 'https://elara.example.com' });
  tenant = await newTenantWithSender(stack);
});
afterAll(() => stack.close());

describe('POST /webhooks/twilio/whatsapp', () => {
  it('records a valid message, queues it and answers with empty TwiML', async () => {
    const messageSid = randomMessageSid();
    const before = await queuedJobs();
    const res = await postInbound(stack, {
      sender: tenant.sender,
      messageSid,
      body: 'Is this real? bit.ly/x',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await storedMessageSids()).toContain(messageSid);
    expect(await queuedJobs()).toBe(before + 1);
  });

  it('validates against the public URL (behind a TLS-terminating proxy), not the address it was reached on', async () => {
    const messageSid = randomMessageSid();
    const res = await postInbound(stack, {
      sender: tenant.sender,
      messageSid,
      signedUrl: stack.api.url + '/webhooks/twilio/whatsapp',
    });
    expect(res.status).toBe(403);
    expect(await storedMessageSids()).not.toContain(messageSid);
  });

  it('rejects a bad signature with 403 and stores nothing', async () => {
    const messageSid = randomMessageSid();
    const res = await postInbound(stack, {
      sender: tenant.sender,
      messageSid,
      signWith: randomBytes(16).toString('hex'),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'bad_signature', message: expect.any(String) } });
    expect(await storedMessageSids()).not.toContain(messageSid);
  });

  it('rejects a request with no signature, and one whose body was changed after signing', async () => {
    const params = inboundParams({ sender: tenant.sender });
    const unsigned = await fetch(stack.api.url + '/webhooks/twilio/whatsapp', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(403);
    const signed = await postInbound(stack, { sender: tenant.sender }, params);
    expect(signed.status).toBe(200);
    const tampered = { ...params, MessageSid: randomMessageSid(), Body: 'changed' };
    const res = await fetch(stack.api.url + '/webhooks/twilio/whatsapp', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': (await import('@elara/whatsapp/signature')).signTwilioRequest(
          tenant.sender.authToken,
          stack.publicBaseUrl + '/webhooks/twilio/whatsapp',
          params,
        ),
      },
      body: new URLSearchParams(tampered).toString(),
    });
    expect(res.status).toBe(403);
    expect(await storedMessageSids()).not.toContain(tampered.MessageSid);
  });

  it("does not accept tenant A's token for tenant B's number", async () => {
    const other = await newTenantWithSender(stack);
    const res = await postInbound(stack, { sender: other.sender, signWith: tenant.sender.authToken });
    expect(res.status).toBe(403);
  });

  it('answers 404 for a number no tenant owns', async () => {
    const params = inboundParams({ sender: { ...tenant.sender, phoneNumber: '+15559990000' } });
    const res = await postInbound(stack, { sender: tenant.sender }, params);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_number');
  });

  it.each([
    ['a missing MessageSid', (p: Record<string, string>) => ({ ...p, MessageSid: '' })],
    ['a malformed From', (p: Record<string, string>) => ({ ...p, From: '+15551234567' })],
    ['a non-numeric NumMedia', (p: Record<string, string>) => ({ ...p, NumMedia: 'lots' })],
    ['an over-long Body', (p: Record<string, string>) => ({ ...p, Body: 'x'.repeat(5_000) })],
  ])('answers 400 for %s', async (_name, mutate) => {
    const params = mutate(inboundParams({ sender: tenant.sender }));
    const res = await postInbound(stack, { sender: tenant.sender }, params);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it.each([
    ['JSON instead of a form', 'application/json', JSON.stringify({ MessageSid: 'SM1' })],
    ['an empty body', 'application/x-www-form-urlencoded', ''],
    ['a body over the size limit', 'application/x-www-form-urlencoded', `Body=${'a'.repeat(40_000)}`],
    [
      'too many fields',
      'application/x-www-form-urlencoded',
      Array.from({ length: 200 }, (_, i) => `f${i}=1`).join('&'),
    ],
    ['broken percent-encoding', 'application/x-www-form-urlencoded', 'Body=%E0%A4%A&MessageSid=%'],
  ])('answers 400, never 5xx, for %s', async (_name, contentType, body) => {
    const res = await fetch(stack.api.url + '/webhooks/twilio/whatsapp', {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-twilio-signature': 'x' },
      body,
    });
    expect(res.status).toBe(400);
  });

  it('acknowledges a duplicate MessageSid with 200 and records and queues it once', async () => {
    const params = inboundParams({ sender: tenant.sender });
    const before = await queuedJobs();
    const first = await postInbound(stack, { sender: tenant.sender }, params);
    const second = await postInbound(stack, { sender: tenant.sender }, params);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await storedMessageSids()).filter((s) => s === params.MessageSid)).toHaveLength(1);
    expect(await queuedJobs()).toBe(before + 1);
  });
});

describe('health', () => {
  it('is live and ready with Postgres and Redis up', async () => {
    expect((await fetch(stack.api.url + '/health/live')).status).toBe(200);
    const ready = await fetch(stack.api.url + '/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
