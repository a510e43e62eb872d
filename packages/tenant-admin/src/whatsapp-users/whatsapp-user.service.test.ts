import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  asPlatform,
  asUser,
  createTenantAdminFixture,
  expectRefusedUnchanged,
  seedMessage,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';
import { ValidationError } from '../tenant-admin.errors.ts';
import type { WhatsappUserPatch } from './whatsapp-user.service.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;
let userB: string;

async function userIdOf(tenantId: string, phone: string): Promise<string> {
  const { rows } = await withTenant(f.pool, tenantId, (tx) =>
    tx.query<{ id: string }>('SELECT id FROM whatsapp_users WHERE phone = $1', [phone]),
  );
  return rows[0]!.id;
}

/** A tenant with one sender and a user who sent `messages` messages. */
async function tenantWithUser(messages = 1, fromPhone?: string) {
  const { id } = await f.builders.newTenant();
  const sender = await f.builders.newSender(id);
  let phone = fromPhone;
  for (let i = 0; i < messages; i += 1) {
    phone = (
      await seedMessage(f.pool, { tenantId: id, senderId: sender.id, fromPhone: phone, verdict: 'scam' })
    ).fromPhone;
  }
  return { tenantId: id, senderId: sender.id, phone: phone!, userId: await userIdOf(id, phone!) };
}

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await tenantWithUser()).tenantId;
  const b = await tenantWithUser(2);
  tenantB = b.tenantId;
  userB = b.userId;
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => f.audit.clear());

describe('list and get', () => {
  it.each(['owner', 'admin', 'analyst'] as const)(
    'shows a %s the users, filtered and paged',
    async (role) => {
      const { tenantId, senderId } = await tenantWithUser();
      const es = await seedMessage(f.pool, {
        tenantId,
        senderId,
        fromPhone: '+34911222333',
        verdict: 'safe',
      });
      await seedMessage(f.pool, { tenantId, senderId, fromPhone: '+34911222444', verdict: 'safe' });
      const esId = await userIdOf(tenantId, es.fromPhone);
      await f.admin.whatsappUsers.update(...asUser(tenantId, 'owner'), {
        userId: esId,
        patch: { language: 'es', optedOutAt: new Date() },
      });
      const [actor, ability] = asUser(tenantId, role);
      const all = await f.admin.whatsappUsers.list(actor, ability, { limit: 2 });
      const rest = await f.admin.whatsappUsers.list(actor, ability, { limit: 2, cursor: all.nextCursor });
      expect(all.items).toHaveLength(2);
      expect(rest).toMatchObject({ items: [expect.anything()], nextCursor: null });
      expect((await f.admin.whatsappUsers.list(actor, ability, { phonePrefix: '3491' })).items).toHaveLength(
        2,
      );
      expect(
        (await f.admin.whatsappUsers.list(actor, ability, { language: 'es' })).items.map((u) => u.id),
      ).toEqual([esId]);
      expect(
        (await f.admin.whatsappUsers.list(actor, ability, { optedOut: true })).items.map((u) => u.id),
      ).toEqual([esId]);
      expect((await f.admin.whatsappUsers.list(actor, ability, { optedOut: false })).items).toHaveLength(2);
      expect(await f.admin.whatsappUsers.get(actor, ability, { userId: esId })).toMatchObject({
        id: esId,
        phone: '+34911222333',
        language: 'es',
        optedOutAt: expect.any(Date),
      });
    },
  );

  it('refuses a viewer and a platform admin (403 for lists, 404 for one user)', async () => {
    for (const [actor, ability] of [asUser(tenantB, 'viewer'), asPlatform()]) {
      await expect(f.admin.whatsappUsers.list(actor, ability, { tenantId: tenantB })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(
        f.admin.whatsappUsers.get(actor, ability, { tenantId: tenantB, userId: userB }),
      ).rejects.toThrow(NotFoundError);
    }
  });

  it("answers 404 for tenant B's users to a tenant A owner", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    await expect(f.admin.whatsappUsers.get(actor, ability, { userId: userB })).rejects.toThrow(NotFoundError);
    await expect(f.admin.whatsappUsers.list(actor, ability, { tenantId: tenantB })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('rejects a bad filter (400)', async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    await expect(f.admin.whatsappUsers.list(actor, ability, { phonePrefix: "+1' OR 1=1" })).rejects.toThrow(
      ValidationError,
    );
    await expect(f.admin.whatsappUsers.list(actor, ability, { cursor: 'eyJ4IjoxfQ' })).rejects.toThrow(
      ValidationError,
    );
  });
});

describe('update', () => {
  it.each(['owner', 'admin'] as const)("lets a %s change a user's language and opt-out", async (role) => {
    const { tenantId, userId } = await tenantWithUser();
    const [actor, ability] = asUser(tenantId, role);
    const optedOutAt = '2025-01-02T03:04:05Z';
    expect(
      await f.admin.whatsappUsers.update(actor, ability, { userId, patch: { language: 'de', optedOutAt } }),
    ).toMatchObject({
      language: 'de',
      optedOutAt: new Date(optedOutAt),
    });
    expect(
      await f.admin.whatsappUsers.update(actor, ability, { userId, patch: { optedOutAt: null } }),
    ).toMatchObject({
      language: 'de',
      optedOutAt: null,
    });
    expect(f.audit.of('whatsapp_user.update')).toMatchObject([
      { tenantId, outcome: 'success', target: { type: 'whatsapp_user', id: userId } },
      { tenantId, outcome: 'success', details: { optedOut: { from: true, to: false } } },
    ]);
    expect(JSON.stringify(f.audit.events)).not.toMatch(/\+1555/);
  });

  it('refuses phone, tenantId or unknown fields (mass assignment), changing nothing', async () => {
    const { tenantId, userId } = await tenantWithUser();
    for (const patch of [
      { phone: '+15550000000' },
      { tenantId: tenantB },
      { language: 'en', firstSeenAt: new Date() },
    ]) {
      await expectRefusedUnchanged(
        f.pool,
        tenantId,
        () =>
          f.admin.whatsappUsers.update(...asUser(tenantId, 'owner'), {
            userId,
            patch: patch as WhatsappUserPatch,
          }),
        ForbiddenFieldsError,
      );
    }
  });

  it.each([{ language: 'it' }, { optedOutAt: '2999-01-01T00:00:00Z' }, { optedOutAt: 'yesterday' }, {}])(
    'rejects %j (400)',
    async (patch) => {
      const { tenantId, userId } = await tenantWithUser();
      await expect(
        f.admin.whatsappUsers.update(...asUser(tenantId, 'owner'), {
          userId,
          patch: patch as WhatsappUserPatch,
        }),
      ).rejects.toThrow(ValidationError);
    },
  );
});

describe('delete (GDPR erasure)', () => {
  it("erases the user with their messages, scans, replies and delivery records, and nobody else's", async () => {
    const { tenantId, senderId, userId, phone } = await tenantWithUser(3);
    const other = await seedMessage(f.pool, { tenantId, senderId, verdict: 'spam' });
    const replies = await withTenant(f.pool, tenantId, (tx) =>
      tx.query<{ id: string }>(
        `UPDATE outbound_replies r SET provider_sid = 'SM' || md5(r.id::text) FROM inbound_messages m
          WHERE m.tenant_id = r.tenant_id AND m.id = r.inbound_message_id RETURNING r.provider_sid AS id`,
      ),
    );
    await withTenant(f.pool, tenantId, (tx) =>
      tx.query(
        `INSERT INTO delivery_status_events (tenant_id, provider_sid, status)
         SELECT $1, sid, 'delivered' FROM unnest($2::text[]) AS sid`,
        [tenantId, replies.rows.map((r) => r.id)],
      ),
    );
    const result = await f.admin.whatsappUsers.delete(...asUser(tenantId, 'admin'), { userId });
    expect(result).toEqual({ messagesDeleted: 3 });
    const counts = await withTenant(f.pool, tenantId, (tx) =>
      tx.query<{
        users: number;
        messages: number;
        scans: number;
        replies: number;
        events: number;
        phone: number;
      }>(
        `SELECT (SELECT count(*)::int FROM whatsapp_users) AS users,
                (SELECT count(*)::int FROM inbound_messages) AS messages,
                (SELECT count(*)::int FROM scans) AS scans,
                (SELECT count(*)::int FROM outbound_replies) AS replies,
                (SELECT count(*)::int FROM delivery_status_events) AS events,
                (SELECT count(*)::int FROM inbound_messages WHERE from_phone = $1) AS phone`,
        [phone],
      ),
    );
    expect(counts.rows[0]).toEqual({ users: 1, messages: 1, scans: 1, replies: 1, events: 1, phone: 0 });
    expect(await f.admin.messages.get(...asUser(tenantId, 'owner'), { messageId: other.id })).toMatchObject({
      id: other.id,
    });
    expect(f.audit.of('whatsapp_user.delete')).toMatchObject([
      {
        tenantId,
        outcome: 'success',
        target: { type: 'whatsapp_user', id: userId },
        details: { messagesDeleted: 3 },
      },
    ]);
    expect(JSON.stringify(f.audit.events)).not.toContain(phone);
  });

  it('refuses an analyst (403), a viewer and a platform admin (404)', async () => {
    const { tenantId, userId } = await tenantWithUser();
    for (const [[actor, ability], error] of [
      [asUser(tenantId, 'analyst'), ForbiddenError],
      [asUser(tenantId, 'viewer'), NotFoundError],
      [asPlatform(), NotFoundError],
    ] as const) {
      const ref = { tenantId, userId };
      await expectRefusedUnchanged(
        f.pool,
        tenantId,
        () => f.admin.whatsappUsers.delete(actor, ability, ref),
        error,
      );
      await expectRefusedUnchanged(
        f.pool,
        tenantId,
        () => f.admin.whatsappUsers.update(actor, ability, { ...ref, patch: { language: 'fr' } }),
        error,
      );
    }
    expect(f.audit.events.map((e) => e.outcome)).toEqual(Array(6).fill('denied'));
  });

  it("answers 404 to a tenant A owner for tenant B's user, with B unchanged", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    for (const ref of [{ userId: userB }, { tenantId: tenantB, userId: userB }]) {
      await expectRefusedUnchanged(
        f.pool,
        tenantB,
        () => f.admin.whatsappUsers.delete(actor, ability, ref),
        NotFoundError,
      );
      await expectRefusedUnchanged(
        f.pool,
        tenantB,
        () => f.admin.whatsappUsers.update(actor, ability, { ...ref, patch: { optedOutAt: new Date() } }),
        NotFoundError,
      );
    }
    expect(f.audit.events.every((e) => e.tenantId === tenantA && e.outcome === 'denied')).toBe(true);
  });
});
