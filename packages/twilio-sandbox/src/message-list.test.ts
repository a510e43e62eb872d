import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMessageListQuery } from './message-list.ts';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import { ACCOUNT, basicAuth, sdkClient } from './twilio-sdk.test-helper.ts';

const TO = 'whatsapp:+447700900001';
const OTHER_TO = 'whatsapp:+447700900002';
const FROM = 'whatsapp:+14155238886';
const T0 = Date.parse('2026-11-26T14:00:00.500Z');

describe('listing messages through the twilio SDK', () => {
  let sandbox: SandboxServer;
  let url: string;
  let clockMs = T0;

  beforeEach(async () => {
    clockMs = T0;
    sandbox = createSandboxServer({
      accounts: { [ACCOUNT.sid]: ACCOUNT.token },
      sendStatusCallbacks: false,
      now: () => clockMs,
    });
    ({ url } = await sandbox.listen());
  });
  afterEach(() => sandbox.close());

  async function send(to: string, body: string): Promise<string> {
    return (await sdkClient(url, ACCOUNT).messages.create({ to, from: FROM, body })).sid;
  }

  it('reconciles by to + dateSentAfter: inclusive to the second the SDK sends', async () => {
    await send(TO, 'old-1');
    await send(OTHER_TO, 'old-other');
    clockMs = T0 + 5_000; // 14:00:05.500
    const recent = [await send(TO, 'new-1'), await send(OTHER_TO, 'new-other'), await send(TO, 'new-2')];

    // The SDK truncates to 14:00:05Z, so messages from 14:00:05.500 still count as "after".
    const found = await sdkClient(url, ACCOUNT).messages.list({
      to: TO,
      dateSentAfter: new Date('2026-11-26T14:00:05.900Z'),
    });

    expect(found.map((m) => m.body)).toEqual(['new-2', 'new-1']);
    expect(found.map((m) => m.sid)).toEqual([recent[2], recent[0]]);
    expect(found.every((m) => m.dateSent?.toISOString() === '2026-11-26T14:00:05.000Z')).toBe(true);
  });

  it('filters by dateSentBefore and by a whole sent day', async () => {
    await send(TO, 'day-1');
    clockMs = T0 + 86_400_000;
    await send(TO, 'day-2');
    const client = sdkClient(url, ACCOUNT);

    const before = await client.messages.list({ dateSentBefore: new Date('2026-11-26T23:00:00Z') });
    const onDay = await client.messages.list({ dateSent: new Date('2026-11-27T14:00:00Z') });
    const rawDay = await fetch(
      `${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json?DateSent=2026-11-27`,
      {
        headers: { Authorization: basicAuth(ACCOUNT) },
      },
    );

    expect(before.map((m) => m.body)).toEqual(['day-1']);
    expect(onDay.map((m) => m.body)).toEqual(['day-2']);
    expect(
      ((await rawDay.json()) as { messages: Array<{ body: string }> }).messages.map((m) => m.body),
    ).toEqual(['day-2']);
  });

  it('pages newest first until every message has been seen once', async () => {
    for (let i = 0; i < 7; i += 1) await send(TO, `m${i}`);

    const all = await sdkClient(url, ACCOUNT).messages.list({ to: TO, pageSize: 3 });

    expect(all.map((m) => m.body)).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('keeps its place by page token when new messages arrive between pages', async () => {
    for (let i = 0; i < 5; i += 1) await send(TO, `m${i}`);
    const client = sdkClient(url, ACCOUNT);

    const first = await client.messages.page({ to: TO, pageSize: 2 });
    await send(TO, 'late');
    const second = await first.nextPage();

    expect(first.instances.map((m) => m.body)).toEqual(['m4', 'm3']);
    expect(second?.instances.map((m) => m.body)).toEqual(['m2', 'm1']);
    expect(first.nextPageUrl).toContain('PageToken=PA');
    expect(first.nextPageUrl).toContain('To=whatsapp%3A%2B447700900001');
  });

  it('returns Twilio page metadata', async () => {
    for (let i = 0; i < 3; i += 1) await send(TO, `m${i}`);
    const res = await fetch(`${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json?PageSize=2`, {
      headers: { Authorization: basicAuth(ACCOUNT) },
    });
    const page = (await res.json()) as Record<string, unknown>;

    expect(page).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(page.first_page_uri).toBe(`/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json?PageSize=2&Page=0`);
    expect(page.next_page_uri).toMatch(/PageSize=2&Page=1&PageToken=PASM[0-9a-f]{32}$/);
    expect(page.messages).toHaveLength(2);
  });

  it('rejects a malformed date filter with 400', async () => {
    const res = await fetch(`${url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json?DateSent%3E=yesterday`, {
      headers: { Authorization: basicAuth(ACCOUNT) },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 20001, status: 400 });
  });
});

describe('parseMessageListQuery', () => {
  it('reads the keys the SDK sends, bare dates as midnight UTC', () => {
    const query = parseMessageListQuery(
      new URLSearchParams([
        ['To', TO],
        ['DateSent>', '2026-11-26'],
        ['DateSent<', '2026-11-27T10:00:00Z'],
        ['PageSize', '20'],
        ['Page', '2'],
      ]),
    );
    expect(query).toMatchObject({
      to: TO,
      from: null,
      sentAfterMs: Date.parse('2026-11-26T00:00:00Z'),
      sentBeforeMs: Date.parse('2026-11-27T10:00:00Z'),
      pageSize: 20,
      page: 2,
    });
  });

  it.each([
    ['PageSize', '0'],
    ['PageSize', '1001'],
    ['Page', '-1'],
    ['DateSent', 'soon'],
  ])('rejects %s=%s', (key, value) => {
    expect(typeof parseMessageListQuery(new URLSearchParams([[key, value]]))).toBe('string');
  });
});
