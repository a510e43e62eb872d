import { withTenant } from '@elara/db/tenant';
import { randomPhone } from '@elara/testkit/builders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  inboundParams,
  newTenantWithSender,
  postInbound,
  startStack,
  type Stack,
} from '../support/stack.ts';

let stack: Stack;
let tenant: Awaited<ReturnType<typeof newTenantWithSender>>;

beforeAll(async () => {
  stack = await startStack();
  tenant = await newTenantWithSender(stack, { name: 'Demo Bank', brandDomains: ['demobank.com'] });
});
afterAll(() => stack.close());

/** Replies the sandbox received for one WhatsApp user. */
const repliesTo = (phone: string) => stack.sandbox.messages().filter((m) => m.to === `whatsapp:${phone}`);

async function waitForReplies(phone: string, count: number) {
  await eventually(async () => repliesTo(phone).length >= count);
  // Give a stray duplicate the chance to show up before asserting there is none.
  await new Promise((r) => setTimeout(r, 300));
  return repliesTo(phone);
}

describe('a WhatsApp message, end to end', () => {
  it('gets exactly one reply, verdict first, with a welcome on first contact', async () => {
    const user = randomPhone();
    const res = await postInbound(stack, {
      sender: tenant.sender,
      from: user,
      body: 'URGENT: your Demo Bank account is suspended. Verify your PIN now at http://dem0bank-secure.xyz/login',
    });
    expect(res.status).toBe(200);
    const replies = await waitForReplies(user, 1);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.from).toBe(`whatsapp:${tenant.sender.phoneNumber}`);
    expect(reply.body.length).toBeLessThanOrEqual(1600);
    expect(reply.body).toMatch(/scam/i);
    expect(reply.body).toMatch(/Demo Bank/);
    const scan = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query(
        `SELECT s.verdict, m.status FROM scans s JOIN inbound_messages m ON m.id = s.inbound_message_id AND m.tenant_id = s.tenant_id`,
      ),
    );
    expect(scan.rows).toEqual([{ verdict: 'scam', status: 'replied' }]);
  });

  it('answers a safe message as safe and welcomes only once', async () => {
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'hello' });
    const first = await waitForReplies(user, 1);
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'See you at 5 at the cafe?' });
    const both = await waitForReplies(user, 2);
    expect(both).toHaveLength(2);
    expect(both[1]!.body).toMatch(/safe|no known risk/i);
    // The welcome line is on the first reply and not on the second.
    const welcome = first[0]!.body.split('\n')[0]!;
    expect(both[1]!.body).not.toContain(welcome);
  });

  it('answers in the language the user writes in, and keeps it for short follow-ups', async () => {
    const user = randomPhone();
    await postInbound(stack, {
      sender: tenant.sender,
      from: user,
      body: 'Hola mamá, este es mi número nuevo. ¿Me puedes hacer una transferencia de 300 euros hoy? Es urgente',
    });
    const [first] = await waitForReplies(user, 1);
    expect(first!.body).toContain('*Estafa*');
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'ok?' });
    const both = await waitForReplies(user, 2);
    expect(both[1]!.body).toMatch(/Parece seguro|Sospechoso|Spam|Estafa/);
    const stored = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query(`SELECT language FROM whatsapp_users WHERE phone = $1`, [user]),
    );
    expect(stored.rows).toEqual([{ language: 'es' }]);
  });

  it("flags a link on the tenant's block list, and never one on its allow list", async () => {
    // A tenant of its own: the worker caches each tenant's lists for TENANT_URL_LISTS_TTL_MS.
    const bank = await newTenantWithSender(stack, { name: 'Demo Bank', brandDomains: ['demobank.com'] });
    await withTenant(stack.pool, bank.tenantId, (tx) =>
      tx.query(
        `INSERT INTO tenant_url_rules (tenant_id, list, domain)
         VALUES ($1, 'block', 'demobank-rewards.example'), ($1, 'allow', 'demobank-partner.example')`,
        [bank.tenantId],
      ),
    );
    const blockedUser = randomPhone();
    await postInbound(stack, {
      sender: bank.sender,
      from: blockedUser,
      body: 'Look at this offer https://demobank-rewards.example/offer',
    });
    const [blocked] = await waitForReplies(blockedUser, 1);
    expect(blocked!.body).toContain('Demo Bank has reported this link as fraudulent');
    const allowedUser = randomPhone();
    await postInbound(stack, {
      sender: bank.sender,
      from: allowedUser,
      body: 'Your statement is ready at https://login.demobank-partner.example/statements',
    });
    const [allowed] = await waitForReplies(allowedUser, 1);
    expect(allowed!.body).toMatch(/safe/i);
  });

  it('replies once to a message Twilio delivered twice', async () => {
    const user = randomPhone();
    const params = inboundParams({ sender: tenant.sender, from: user, body: 'Is this a scam? bit.ly/abc' });
    await postInbound(stack, { sender: tenant.sender }, params);
    await postInbound(stack, { sender: tenant.sender }, params);
    await postInbound(stack, { sender: tenant.sender }, params);
    expect(await waitForReplies(user, 1)).toHaveLength(1);
  });

  it('applies delivery status callbacks forward-only', async () => {
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'hi' });
    const [reply] = await waitForReplies(user, 1);
    const status = () =>
      withTenant(stack.pool, tenant.tenantId, (tx) =>
        tx.query<{ status: string }>('SELECT status FROM outbound_replies WHERE provider_sid = $1', [
          reply!.sid,
        ]),
      ).then((r) => r.rows[0]?.status);
    await eventually(async () => (await status()) === 'delivered');
    // A late 'sent' arrives after 'delivered': it must not move the status back.
    const { signTwilioRequest } = await import('@elara/whatsapp/signature');
    const params = {
      MessageSid: reply!.sid,
      SmsSid: reply!.sid,
      AccountSid: tenant.sender.accountSid,
      From: `whatsapp:${tenant.sender.phoneNumber}`,
      To: `whatsapp:${user}`,
      MessageStatus: 'sent',
      SmsStatus: 'sent',
      ApiVersion: '2010-04-01',
    };
    const url = `${stack.publicBaseUrl}/webhooks/twilio/status`;
    const res = await fetch(stack.api.url + '/webhooks/twilio/status', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(tenant.sender.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(204);
    expect(await status()).toBe('delivered');
    const forged = await fetch(stack.api.url + '/webhooks/twilio/status', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ ...params, MessageStatus: 'failed' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await status()).toBe('delivered');
  });

  it('says when a message had more links than it checks', async () => {
    const user = randomPhone();
    const links = Array.from({ length: 7 }, (_, i) => `https://site${i}.example.com/page`).join(' ');
    await postInbound(stack, { sender: tenant.sender, from: user, body: `check these ${links}` });
    const [reply] = await waitForReplies(user, 1);
    expect(reply!.body).toMatch(/5/);
  });
});

describe('rate limits', () => {
  it('tells an over-limit user once, then stays quiet, and keeps other users unaffected', async () => {
    const free = await newTenantWithSender(stack, { tier: 'free' });
    const user = randomPhone();
    // Limits count in clock-minute windows: start well inside one, so all eight land in it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    // The free tier allows 5 messages per user per minute.
    for (let i = 0; i < 8; i += 1) {
      const res = await postInbound(stack, { sender: free.sender, from: user, body: `message ${i}` });
      expect(res.status).toBe(200);
    }
    const statuses = await eventually(async () => {
      const { rows } = await withTenant(stack.pool, free.tenantId, (tx) =>
        tx.query<{ status: string }>(`SELECT status FROM inbound_messages WHERE from_phone = $1`, [user]),
      );
      return rows.every((r) => r.status !== 'received') && rows.length === 8
        ? rows.map((r) => r.status)
        : null;
    });
    expect(statuses.filter((s) => s === 'replied')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'rate_limited')).toHaveLength(3);
    const replies = await waitForReplies(user, 6);
    expect(replies).toHaveLength(6);
    const notices = await withTenant(stack.pool, free.tenantId, (tx) =>
      tx.query(`SELECT count(*)::int AS n FROM outbound_replies WHERE kind = 'rate_limit_notice'`),
    );
    expect(notices.rows[0].n).toBe(1);
    const other = randomPhone();
    await postInbound(stack, { sender: free.sender, from: other, body: 'hello' });
    expect(await waitForReplies(other, 1)).toHaveLength(1);
  });
});

describe('attachments', () => {
  it('says a photo on its own cannot be checked yet, rather than calling it safe', async () => {
    const user = randomPhone();
    const params = {
      ...inboundParams({ sender: tenant.sender, from: user, body: '' }),
      NumMedia: '1',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
    };
    expect((await postInbound(stack, { sender: tenant.sender }, params)).status).toBe(200);
    const [reply] = await waitForReplies(user, 1);
    expect(reply!.body).toMatch(/can't check photos/);
    expect(reply!.body).not.toMatch(/Looks safe/);
  });
});
