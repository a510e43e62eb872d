import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import { ACCOUNT, OTHER_ACCOUNT, basicAuth, sdkClient } from './twilio-sdk.test-helper.ts';

const TO = 'whatsapp:+447700900001';
const FROM = 'whatsapp:+14155238886';

describe('sandbox Messages API through the twilio SDK', () => {
  let sandbox: SandboxServer;
  let url: string;

  beforeEach(async () => {
    sandbox = createSandboxServer({
      accounts: { [ACCOUNT.sid]: ACCOUNT.token, [OTHER_ACCOUNT.sid]: OTHER_ACCOUNT.token },
      sendStatusCallbacks: false,
      statusCallbackDelaysMs: { sent: 10_000, delivered: 20_000 },
    });
    ({ url } = await sandbox.listen());
  });
  afterEach(() => sandbox.close());

  it('creates a message in Twilio wire format and fetches it back', async () => {
    const client = sdkClient(url, ACCOUNT);
    const created = await client.messages.create({ to: TO, from: FROM, body: 'x'.repeat(161) });

    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      accountSid: ACCOUNT.sid,
      apiVersion: '2010-04-01',
      body: 'x'.repeat(161),
      direction: 'outbound-api',
      errorCode: null,
      from: FROM,
      to: TO,
      numMedia: '0',
      numSegments: '2',
      priceUnit: 'USD',
      status: 'queued',
      uri: `/2010-04-01/Accounts/${ACCOUNT.sid}/Messages/${created.sid}.json`,
    });
    expect(created.dateCreated).toBeInstanceOf(Date);
    expect(Math.abs(created.dateCreated.getTime() - Date.now())).toBeLessThan(5_000);

    const fetched = await client.messages(created.sid).fetch();
    expect(fetched.sid).toBe(created.sid);
    expect(fetched.body).toBe(created.body);
    expect(sandbox.messages().map((m) => m.sid)).toEqual([created.sid]);
  });

  it('answers the raw create with RFC 2822 dates and the media subresource', async () => {
    const res = await fetch(`${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: basicAuth(ACCOUNT) },
      body: new URLSearchParams([
        ['To', TO],
        ['From', FROM],
        ['MediaUrl', 'https://example.test/a.png'],
        ['MediaUrl', 'https://example.test/b.png'],
      ]),
    });
    const body = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(201);
    expect(body.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(body.num_media).toBe('2');
    expect(body.num_segments).toBe('1');
    expect(body.subresource_uris).toEqual({
      media: `/2010-04-01/Accounts/${ACCOUNT.sid}/Messages/${String(body.sid)}/Media.json`,
    });
  });

  it('rejects a wrong token with 401 / 20003', async () => {
    const client = sdkClient(url, { sid: ACCOUNT.sid, token: 'wrong-token' });
    await expect(client.messages.create({ to: TO, from: FROM, body: 'hi' })).rejects.toMatchObject({
      status: 401,
      code: 20003,
      message: 'Authenticate',
      moreInfo: 'https://www.twilio.com/docs/errors/20003',
    });
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('stops accepting an old token once the account is replaced', async () => {
    await expect(
      sdkClient(url, ACCOUNT).messages.create({ to: TO, from: FROM, body: 'a' }),
    ).resolves.toBeDefined();

    sandbox.addAccount(ACCOUNT.sid, 'rotated-token');

    const stale = sdkClient(url, ACCOUNT).messages.create({ to: TO, from: FROM, body: 'b' });
    await expect(stale).rejects.toMatchObject({ status: 401, code: 20003 });
    const fresh = sdkClient(url, { sid: ACCOUNT.sid, token: 'rotated-token' });
    await expect(fresh.messages.create({ to: TO, from: FROM, body: 'c' })).resolves.toBeDefined();
  });

  it('rejects valid credentials used on another account path', async () => {
    const client = sdkClient(url, OTHER_ACCOUNT);
    const created = await client.messages.create({ to: TO, from: FROM, body: 'mine' });
    const foreign = sdkClient(url, ACCOUNT, { accountSid: OTHER_ACCOUNT.sid });
    await expect(foreign.messages(created.sid).fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it('does not show one account the messages of another', async () => {
    const other = sdkClient(url, OTHER_ACCOUNT);
    const created = await other.messages.create({ to: TO, from: FROM, body: 'theirs' });
    const client = sdkClient(url, ACCOUNT);

    await expect(client.messages(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await client.messages.list({ to: TO })).toHaveLength(0);
  });

  const invalidCreates: Array<[Record<string, string>, number]> = [
    [{ From: FROM, Body: 'hi' }, 21604],
    [{ To: TO, Body: 'hi' }, 21603],
    [{ To: TO, From: FROM }, 21602],
    [{ To: TO, From: FROM, Body: 'x'.repeat(1601) }, 21617],
  ];
  it.each(invalidCreates)('rejects invalid create %j with code %i', async (params, code) => {
    const res = await fetch(`${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: basicAuth(ACCOUNT) },
      body: new URLSearchParams(params),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code,
      status: 400,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
    });
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('surfaces validation errors through the SDK as RestException', async () => {
    const client = sdkClient(url, ACCOUNT);
    const tooLong = client.messages.create({ to: TO, from: FROM, body: 'x'.repeat(1601) });
    await expect(tooLong).rejects.toBeInstanceOf(twilio.RestException);
    await expect(tooLong).rejects.toMatchObject({ status: 400, code: 21617 });
    // 1600 emoji are 3200 UTF-16 units but 1600 characters, which Twilio accepts.
    await expect(
      client.messages.create({ to: TO, from: FROM, body: '😀'.repeat(1600) }),
    ).resolves.toBeDefined();
  });

  it('answers an unknown message sid with 404 / 20404', async () => {
    const client = sdkClient(url, ACCOUNT);
    await expect(client.messages(`SM${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });
});
