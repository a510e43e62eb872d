import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSandboxControlClient,
  SandboxControlError,
  type SandboxControlClient,
} from './sandbox-control-client.ts';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import { ACCOUNT, OTHER_ACCOUNT, sdkClient, sleep } from './twilio-sdk.test-helper.ts';

const TO = 'whatsapp:+447700900001';
const OTHER_TO = 'whatsapp:+447700900002';
const FROM = 'whatsapp:+14155238886';

describe('sandbox control client', () => {
  let sandbox: SandboxServer;
  let url: string;
  let control: SandboxControlClient;

  beforeEach(async () => {
    sandbox = createSandboxServer({
      accounts: { [ACCOUNT.sid]: ACCOUNT.token },
      // Far off, so statuses stay 'queued' while a test looks at them.
      statusCallbackDelaysMs: { sent: 60_000, delivered: 120_000 },
    });
    ({ url } = await sandbox.listen());
    control = createSandboxControlClient(`${url}/`);
  });
  afterEach(() => sandbox.close());

  const send = (to: string, body: string) =>
    sdkClient(url, ACCOUNT).messages.create({ to, from: FROM, body });

  it('reports health', async () => {
    await expect(control.health()).resolves.toEqual({ ok: true });
  });

  it('adds accounts the Twilio API then accepts', async () => {
    const other = sdkClient(url, OTHER_ACCOUNT);
    await expect(other.messages.create({ to: TO, from: FROM, body: 'x' })).rejects.toMatchObject({
      status: 401,
    });

    await control.addAccount(OTHER_ACCOUNT.sid, OTHER_ACCOUNT.token);

    await expect(other.messages.create({ to: TO, from: FROM, body: 'x' })).resolves.toBeDefined();
  });

  it('lists messages oldest first, filtered by to and from', async () => {
    const first = await send(TO, 'one');
    await send(OTHER_TO, 'other');
    await send(TO, 'two');

    const listed = await control.listMessages({ to: TO });

    expect(listed.map((m) => m.body)).toEqual(['one', 'two']);
    expect(listed[0]).toEqual({
      sid: first.sid,
      accountSid: ACCOUNT.sid,
      to: TO,
      from: FROM,
      body: 'one',
      status: 'queued',
      statusCallback: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(await control.listMessages({ from: 'whatsapp:+10000000000' })).toEqual([]);
    expect(await control.listMessages()).toHaveLength(3);
  });

  it('waitForMessages resolves once enough matching messages arrive', async () => {
    await send(TO, 'already');
    const waiting = control.waitForMessages({ to: TO, count: 3, timeoutMs: 5_000 });
    await sleep(50);
    await send(OTHER_TO, 'ignored');
    await send(TO, 'second');
    await send(TO, 'third');

    expect((await waiting).map((m) => m.body)).toEqual(['already', 'second', 'third']);
  });

  it('waitForMessages rejects with 408 on timeout', async () => {
    await send(OTHER_TO, 'not it');
    const started = performance.now();

    const waiting = control.waitForMessages({ to: TO, count: 1, timeoutMs: 150 });

    await expect(waiting).rejects.toBeInstanceOf(SandboxControlError);
    await expect(waiting).rejects.toMatchObject({ status: 408 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('a wait counts only messages stored after a clear', async () => {
    await send(TO, 'before clear');
    const waiting = control.waitForMessages({ to: TO, count: 2, timeoutMs: 5_000 });
    await sleep(50);
    await control.clearMessages();
    await send(TO, 'after-1');
    await sleep(50);
    let settled = false;
    void waiting.then(() => (settled = true));
    await sleep(50);
    expect(settled).toBe(false);
    await send(TO, 'after-2');

    expect((await waiting).map((m) => m.body)).toEqual(['after-1', 'after-2']);
  });

  it('sets and clears faults, and rejects invalid ones', async () => {
    await control.setFault({ mode: 'fail', status: 429, code: 20429 });
    await expect(send(TO, 'x')).rejects.toMatchObject({ status: 429, code: 20429 });

    await control.clearFaults();
    await expect(send(TO, 'y')).resolves.toBeDefined();
    await expect(control.setFault({ mode: 'delay' } as never)).rejects.toMatchObject({ status: 400 });
  });

  it('reset clears messages and faults', async () => {
    await send(TO, 'x');
    await control.setFault({ mode: 'fail' });

    await control.reset();

    expect(await control.listMessages()).toEqual([]);
    await expect(send(TO, 'y')).resolves.toBeDefined();
  });
});
