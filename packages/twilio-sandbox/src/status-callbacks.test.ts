import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import type { SandboxLogEvent } from './sandbox.types.ts';
import { ACCOUNT, sdkClient, sleep } from './twilio-sdk.test-helper.ts';

const TO = 'whatsapp:+447700900001';
const FROM = 'whatsapp:+14155238886';

interface ReceivedCallback {
  arrivedAt: number;
  url: string;
  signature: string;
  params: Record<string, string>;
}

interface Receiver {
  url: string;
  received: ReceivedCallback[];
  /** When the receiver finished answering each callback, by MessageStatus. */
  answeredAt: Record<string, number>;
  close: () => Promise<void>;
}

/** A tiny webhook receiver that records every form POST it gets, optionally slow to answer `sent`. */
async function startReceiver(sentAnswerDelayMs = 0): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const answeredAt: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const arrivedAt = performance.now();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { port } = server.address() as AddressInfo;
      const params = Object.fromEntries(new URLSearchParams(body));
      received.push({
        arrivedAt,
        url: `http://127.0.0.1:${port}${req.url ?? ''}`,
        signature: String(req.headers['x-twilio-signature'] ?? ''),
        params,
      });
      const status = params.MessageStatus ?? '';
      const answer = (): void => {
        answeredAt[status] = performance.now();
        res.end('<Response/>');
      };
      setTimeout(answer, status === 'sent' ? sentAnswerDelayMs : 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = (): Promise<void> => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, received, answeredAt, close };
}

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('status callbacks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(options: Parameters<typeof createSandboxServer>[0]): Promise<[SandboxServer, string]> {
    const sandbox = createSandboxServer({ accounts: { [ACCOUNT.sid]: ACCOUNT.token }, ...options });
    cleanups.push(() => sandbox.close());
    return [sandbox, (await sandbox.listen()).url];
  }

  it('posts sent then delivered, signed with the account token', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const [, url] = await start({ statusCallbackDelaysMs: { sent: 10, delivered: 30 } });
    const client = sdkClient(url, ACCOUNT);
    const callbackUrl = `${receiver.url}/twilio/status?tenant=t-1`;

    const message = await client.messages.create({
      to: TO,
      from: FROM,
      body: 'hi',
      statusCallback: callbackUrl,
    });
    await until(() => receiver.received.length === 2);

    expect(receiver.received.map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);
    for (const callback of receiver.received) {
      expect(callback.url).toBe(callbackUrl);
      expect(twilio.validateRequest(ACCOUNT.token, callback.signature, callback.url, callback.params)).toBe(
        true,
      );
      expect(twilio.validateRequest('not-the-token', callback.signature, callback.url, callback.params)).toBe(
        false,
      );
      expect(callback.params).toMatchObject({
        MessageSid: message.sid,
        SmsSid: message.sid,
        AccountSid: ACCOUNT.sid,
        From: FROM,
        To: TO,
        SmsStatus: callback.params.MessageStatus,
        ApiVersion: '2010-04-01',
      });
      expect(callback.params.ErrorCode).toBeUndefined();
    }
    expect((await client.messages(message.sid).fetch()).status).toBe('delivered');
  });

  it('posts delivered only after the receiver has answered sent', async () => {
    const receiver = await startReceiver(150);
    cleanups.push(receiver.close);
    const [, url] = await start({ statusCallbackDelaysMs: { sent: 5, delivered: 10 } });

    await sdkClient(url, ACCOUNT).messages.create({
      to: TO,
      from: FROM,
      body: 'hi',
      statusCallback: receiver.url,
    });
    await until(() => receiver.received.length === 2);

    const delivered = receiver.received.find((c) => c.params.MessageStatus === 'delivered');
    expect(delivered?.arrivedAt).toBeGreaterThanOrEqual(receiver.answeredAt.sent ?? Infinity);
  });

  it('moves status queued → sent → delivered on the configured delays', async () => {
    const [, url] = await start({ statusCallbackDelaysMs: { sent: 100, delivered: 700 } });
    const client = sdkClient(url, ACCOUNT);
    const message = await client.messages.create({ to: TO, from: FROM, body: 'hi' });

    expect(message.status).toBe('queued');
    await sleep(350);
    expect((await client.messages(message.sid).fetch()).status).toBe('sent');
    await sleep(500);
    expect((await client.messages(message.sid).fetch()).status).toBe('delivered');
  });

  it('logs and drops callbacks it cannot deliver, and keeps serving', async () => {
    const receiver = await startReceiver();
    await receiver.close(); // nothing listens on this port any more
    const events: SandboxLogEvent[] = [];
    const [sandbox, url] = await start({
      statusCallbackDelaysMs: { sent: 5, delivered: 10 },
      log: (event) => events.push(event),
    });
    const client = sdkClient(url, ACCOUNT);

    await client.messages.create({ to: TO, from: FROM, body: 'a', statusCallback: `${receiver.url}/gone` });
    await client.messages.create({ to: TO, from: FROM, body: 'b', statusCallback: 'not a url' });
    await until(() => events.length === 4);

    expect(events.every((e) => e.msg === 'status callback failed')).toBe(true);
    await until(() => sandbox.messages().every((m) => m.status === 'delivered'));
    await expect(client.messages.create({ to: TO, from: FROM, body: 'still up' })).resolves.toBeDefined();
  });

  it('sends no callbacks when disabled, though statuses still advance', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const [sandbox, url] = await start({
      sendStatusCallbacks: false,
      statusCallbackDelaysMs: { sent: 5, delivered: 10 },
    });

    await sdkClient(url, ACCOUNT).messages.create({
      to: TO,
      from: FROM,
      body: 'hi',
      statusCallback: receiver.url,
    });
    await until(() => sandbox.messages()[0]?.status === 'delivered');
    await sleep(50);

    expect(receiver.received).toHaveLength(0);
  });
});
