import http from 'node:http';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFault } from './fault-injector.ts';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import { ACCOUNT, basicAuth, sdkClient } from './twilio-sdk.test-helper.ts';

const TO = 'whatsapp:+447700900001';
const FROM = 'whatsapp:+14155238886';
const CLIENT_TIMEOUT_MS = 300;

/** A create request with no client timeout, settling with its status or the socket error. */
function rawCreate(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(`${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: basicAuth(ACCOUNT), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end(new URLSearchParams({ To: TO, From: FROM, Body: 'raw' }).toString());
  });
}

describe('fault injection on message creation', () => {
  let sandbox: SandboxServer;
  let url: string;
  let client: twilio.Twilio;

  beforeEach(async () => {
    sandbox = createSandboxServer({ accounts: { [ACCOUNT.sid]: ACCOUNT.token }, sendStatusCallbacks: false });
    ({ url } = await sandbox.listen());
    client = sdkClient(url, ACCOUNT, { timeoutMs: CLIENT_TIMEOUT_MS });
  });
  afterEach(() => sandbox.close());

  const create = (body = 'hi') => client.messages.create({ to: TO, from: FROM, body });

  it('fail: answers the configured status and code for `count` requests, then recovers', async () => {
    sandbox.setFault({ mode: 'fail', status: 503, code: 20503, count: 2 });

    await expect(create()).rejects.toMatchObject({ status: 503, code: 20503 });
    await expect(create()).rejects.toBeInstanceOf(twilio.RestException);
    await expect(create('ok')).resolves.toMatchObject({ status: 'queued' });
    expect(sandbox.messages().map((m) => m.body)).toEqual(['ok']);
  });

  it('fail without count: 500 / 20500 until cleared', async () => {
    sandbox.setFault({ mode: 'fail' });
    for (let i = 0; i < 3; i += 1) await expect(create()).rejects.toMatchObject({ status: 500, code: 20500 });
    sandbox.clearFaults();
    await expect(create()).resolves.toBeDefined();
  });

  it('faults do not touch reads', async () => {
    const message = await create();
    sandbox.setFault({ mode: 'fail' });
    await expect(client.messages(message.sid).fetch()).resolves.toMatchObject({ sid: message.sid });
  });

  it('delay: answers successfully, but only after delayMs', async () => {
    sandbox.setFault({ mode: 'delay', delayMs: 150, count: 1 });
    const slowClient = sdkClient(url, ACCOUNT, { timeoutMs: 2_000 });

    const started = performance.now();
    await expect(slowClient.messages.create({ to: TO, from: FROM, body: 'late' })).resolves.toBeDefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    const fast = performance.now();
    await slowClient.messages.create({ to: TO, from: FROM, body: 'prompt' });
    expect(performance.now() - fast).toBeLessThan(145);
    expect(sandbox.messages()).toHaveLength(2);
  });

  it('hang: the SDK times out and no message is stored', async () => {
    sandbox.setFault({ mode: 'hang', count: 1 });

    await expect(create()).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect(sandbox.messages()).toHaveLength(0);
    await expect(create('after')).resolves.toBeDefined();
  });

  it('hang: clearFaults and close end the held sockets', async () => {
    sandbox.setFault({ mode: 'hang' });
    const first = rawCreate(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    sandbox.clearFaults();
    expect(await first).toBe('ECONNRESET');

    sandbox.setFault({ mode: 'hang' });
    const second = rawCreate(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.close(); // must not wait for the hung request
    expect(await second).toBe('ECONNRESET');
  });

  it('accept-then-hang: the SDK times out but the message was stored and can be reconciled', async () => {
    sandbox.setFault({ mode: 'accept-then-hang', delayMs: 5_000, count: 1 });
    const before = new Date();

    await expect(create('maybe-sent')).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect(sandbox.messages().map((m) => m.body)).toEqual(['maybe-sent']);
    const reconciled = await client.messages.list({ to: TO, dateSentAfter: before });
    expect(reconciled.map((m) => m.body)).toEqual(['maybe-sent']);
  });
});

describe('parseFault', () => {
  it.each([
    [null, /object/],
    [{ mode: 'explode' }, /mode/],
    [{ mode: 'delay' }, /delayMs/],
    [{ mode: 'accept-then-hang', delayMs: -1 }, /delayMs/],
    [{ mode: 'fail', status: 200 }, /status/],
    [{ mode: 'hang', count: 0 }, /count/],
  ])('rejects %j', (input, error) => {
    expect(parseFault(input)).toMatch(error);
  });

  it('accepts a complete fault', () => {
    expect(parseFault({ mode: 'fail', status: 429, code: 20429, count: 1 })).toEqual({
      mode: 'fail',
      status: 429,
      code: 20429,
      count: 1,
    });
  });
});
