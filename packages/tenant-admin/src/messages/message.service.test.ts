import { ForbiddenError, NotFoundError } from '@elara/access-control/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyActor,
  asActor,
  asPlatform,
  asUser,
  createTenantAdminFixture,
  seedMessage,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';
import { ValidationError } from '../tenant-admin.errors.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;
let messageB: string;
let userOfFirst: string;
const ids: Record<string, string> = {};
const BODY = 'Your parcel is held: pay the fee at http://parcel-fee.example';
const PHONE = '+447700900123';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute, 0, 123) + 456 / 1000);

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await f.builders.newTenant()).id;
  tenantB = (await f.builders.newTenant()).id;
  const senderA = await f.builders.newSender(tenantA);
  const senderB = await f.builders.newSender(tenantB);
  const seeds = [
    { key: 'scam', verdict: 'scam', status: 'replied', minute: 1 },
    { key: 'spam', verdict: 'spam', status: 'replied', minute: 2 },
    { key: 'safe', verdict: 'safe', status: 'replied', minute: 3 },
    { key: 'limited', verdict: undefined, status: 'rate_limited', minute: 4 },
    { key: 'dead', verdict: undefined, status: 'dead_lettered', minute: 5 },
  ] as const;
  for (const seed of seeds) {
    const message = await seedMessage(f.pool, {
      tenantId: tenantA,
      senderId: senderA.id,
      fromPhone: seed.key === 'scam' ? PHONE : undefined,
      body: BODY,
      verdict: seed.verdict,
      status: seed.status,
      receivedAt: at(seed.minute),
    });
    ids[seed.key] = message.id;
  }
  // Two messages received in the same microsecond: the id breaks the tie.
  for (const key of ['tie1', 'tie2']) {
    ids[key] = (
      await seedMessage(f.pool, {
        tenantId: tenantA,
        senderId: senderA.id,
        verdict: 'scam',
        receivedAt: at(6),
      })
    ).id;
  }
  messageB = (await seedMessage(f.pool, { tenantId: tenantB, senderId: senderB.id, verdict: 'scam' })).id;
  const { items } = await f.admin.messages.list(...asUser(tenantA, 'owner'), { verdict: 'scam', to: at(2) });
  userOfFirst = items[0]!.whatsappUserId!;
});
afterAll(async () => {
  await f?.close();
});

describe('list', () => {
  it('pages newest first with a keyset cursor, every message exactly once', async () => {
    const [actor, ability] = asUser(tenantA, 'analyst');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f.admin.messages.list(actor, ability, { limit: 2, cursor });
      seen.push(...page.items.map((m) => m.id!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(2)).toEqual([ids.dead, ids.limited, ids.safe, ids.spam, ids.scam]);
  });

  it('shows an owner, admin and analyst the verdict, reasons, reply and content', async () => {
    for (const role of ['owner', 'admin', 'analyst'] as const) {
      const message = await f.admin.messages.get(...asUser(tenantA, role), { messageId: ids.scam! });
      expect(message).toMatchObject({
        id: ids.scam,
        tenantId: tenantA,
        status: 'replied',
        verdict: 'scam',
        score: expect.closeTo(0.9, 5),
        reasons: [{ code: 'url.lookalike_brand', weight: 0.8, detail: 'demobank-login.xyz' }],
        language: 'en',
        body: BODY,
        fromPhone: PHONE,
        profileName: 'Alice Example',
        replyBody: 'This looks like a SCAM (scam)',
        replyStatus: 'pending',
        receivedAt: at(1),
      });
    }
  });

  it('shows a viewer metadata only: no text, number, name, links, reply text or matched phrases', async () => {
    const [actor, ability] = asUser(tenantA, 'viewer');
    const page = await f.admin.messages.list(actor, ability, { limit: 100 });
    const one = await f.admin.messages.get(actor, ability, { messageId: ids.scam! });
    expect(Object.keys(one).sort()).toEqual(
      [
        'id',
        'language',
        'numMedia',
        'processedAt',
        'reasons',
        'receivedAt',
        'replyStatus',
        'score',
        'senderId',
        'status',
        'tenantId',
        'verdict',
        'whatsappUserId',
      ].sort(),
    );
    expect(one.reasons).toEqual([{ code: 'url.lookalike_brand', weight: 0.8 }]);
    const json = JSON.stringify([page, one]);
    for (const secret of [BODY, PHONE, 'Alice Example', 'SCAM (scam)', 'demobank-login.xyz', 'parcel-fee']) {
      expect(json).not.toContain(secret);
    }
  });

  it('filters by verdict, status, date range and WhatsApp user', async () => {
    const [actor, ability] = asUser(tenantA, 'viewer');
    const list = async (query: Parameters<typeof f.admin.messages.list>[2]) =>
      (await f.admin.messages.list(actor, ability, query)).items.map((m) => m.id);
    expect(await list({ verdict: 'spam' })).toEqual([ids.spam]);
    expect(await list({ status: 'dead_lettered' })).toEqual([ids.dead]);
    expect(await list({ from: at(2), to: at(4) })).toEqual([ids.safe, ids.spam]);
    expect(await list({ from: at(2).toISOString(), to: at(3).toISOString() })).toEqual([ids.spam]);
    expect(await list({ whatsappUserId: userOfFirst })).toEqual([ids.scam]);
  });

  it('rejects bad filters and cursors (400)', async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    for (const query of [
      { verdict: 'evil' },
      { from: 'yesterday' },
      { from: at(3), to: at(2) },
      { whatsappUserId: 'x' },
      { limit: 0 },
      { cursor: Buffer.from(JSON.stringify(['messages', "'; DROP TABLE x", 'y'])).toString('base64url') },
      {
        cursor: Buffer.from(JSON.stringify(['senders', '2025-01-01T00:00:00.000000Z', ids.scam])).toString(
          'base64url',
        ),
      },
    ]) {
      await expect(f.admin.messages.list(actor, ability, query as never)).rejects.toThrow(ValidationError);
    }
  });

  it('refuses a platform admin (403 for the list, 404 for one) and an API key without messages:read', async () => {
    await expect(f.admin.messages.list(...asPlatform(), { tenantId: tenantA })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      f.admin.messages.get(...asPlatform(), { tenantId: tenantA, messageId: ids.scam! }),
    ).rejects.toThrow(NotFoundError);
    await expect(f.admin.messages.list(...asActor(apiKeyActor(tenantA, ['senders:read'])))).rejects.toThrow(
      ForbiddenError,
    );
  });

  it("answers 404 for tenant B's messages to every tenant A role", async () => {
    for (const role of ['owner', 'admin', 'analyst', 'viewer'] as const) {
      const [actor, ability] = asUser(tenantA, role);
      await expect(f.admin.messages.get(actor, ability, { messageId: messageB })).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        f.admin.messages.get(actor, ability, { tenantId: tenantB, messageId: messageB }),
      ).rejects.toThrow(NotFoundError);
      await expect(f.admin.messages.list(actor, ability, { tenantId: tenantB })).rejects.toThrow(
        NotFoundError,
      );
      const own = await f.admin.messages.list(actor, ability, { limit: 100 });
      expect(own.items.map((m) => m.id)).not.toContain(messageB);
    }
  });
});
