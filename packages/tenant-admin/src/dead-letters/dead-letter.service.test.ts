import { ForbiddenError, NotFoundError } from '@elara/access-control/errors';
import { withTenant } from '@elara/db/tenant';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKeyActor,
  asActor,
  asPlatform,
  asUser,
  createTenantAdminFixture,
  expectRefusedUnchanged,
  seedMessage,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;
let deadB: string;

async function tenantWithDeadLetters(count: number) {
  const { id } = await f.builders.newTenant();
  const sender = await f.builders.newSender(id);
  const dead: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const message = await seedMessage(f.pool, {
      tenantId: id,
      senderId: sender.id,
      status: 'dead_lettered',
      lastError: `provider said no #${i}`,
      receivedAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
    });
    dead.push(message.id);
  }
  await seedMessage(f.pool, { tenantId: id, senderId: sender.id, verdict: 'safe' });
  return { tenantId: id, senderId: sender.id, dead };
}

async function statusOf(tenantId: string, id: string) {
  const { rows } = await withTenant(f.pool, tenantId, (tx) =>
    tx.query<{ status: string }>('SELECT status FROM inbound_messages WHERE id = $1', [id]),
  );
  return rows[0]?.status;
}

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await tenantWithDeadLetters(1)).tenantId;
  const b = await tenantWithDeadLetters(2);
  tenantB = b.tenantId;
  deadB = b.dead[0]!;
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => {
  f.audit.clear();
  f.queued.length = 0;
});

describe('list', () => {
  it('lists only this tenant’s dead letters, oldest first, paged, for every role that reads them', async () => {
    const { tenantId, dead } = await tenantWithDeadLetters(3);
    for (const [actor, ability] of [
      asUser(tenantId, 'owner'),
      asUser(tenantId, 'admin'),
      asUser(tenantId, 'analyst'),
      asPlatform(),
    ]) {
      const first = await f.admin.deadLetters.list(actor, ability, { tenantId, limit: 2 });
      const second = await f.admin.deadLetters.list(actor, ability, {
        tenantId,
        limit: 2,
        cursor: first.nextCursor,
      });
      expect([...first.items, ...second.items].map((d) => d.inboundMessageId)).toEqual(dead);
      expect(first.items[0]).toEqual({
        tenantId,
        inboundMessageId: dead[0],
        receivedAt: new Date(Date.UTC(2025, 0, 1, 0, 0)),
        lastError: 'provider said no #0',
      });
    }
  });

  it('refuses a viewer (403) and answers 404 for another tenant', async () => {
    await expect(f.admin.deadLetters.list(...asUser(tenantA, 'viewer'))).rejects.toThrow(ForbiddenError);
    await expect(
      f.admin.deadLetters.list(...asUser(tenantA, 'owner'), { tenantId: tenantB }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('redrive', () => {
  it.each(['owner', 'admin'] as const)(
    'lets a %s re-drive one message through the pipeline',
    async (role) => {
      const { tenantId, senderId, dead } = await tenantWithDeadLetters(2);
      await f.admin.deadLetters.redrive(...asUser(tenantId, role), { inboundMessageId: dead[0]! });
      expect(await statusOf(tenantId, dead[0]!)).toBe('received');
      expect(await statusOf(tenantId, dead[1]!)).toBe('dead_lettered');
      expect(f.queued).toEqual([
        {
          name: 'whatsapp.processInbound',
          jobId: dead[0],
          payload: { tenantId, inboundMessageId: dead[0], senderId, acknowledgedAt: expect.any(Number) },
        },
      ]);
      expect(f.audit.of('dead_letter.redrive')).toMatchObject([
        { tenantId, outcome: 'success', target: { type: 'dead_letter', id: dead[0] } },
      ]);
      // Once re-driven it is no longer a dead letter.
      await expect(
        f.admin.deadLetters.redrive(...asUser(tenantId, role), { inboundMessageId: dead[0]! }),
      ).rejects.toThrow(NotFoundError);
    },
  );

  it('lets a platform admin re-drive, audited on the tenant and platform chains', async () => {
    const { tenantId, dead } = await tenantWithDeadLetters(1);
    await f.admin.deadLetters.redrive(...asPlatform(), { tenantId, inboundMessageId: dead[0]! });
    expect(f.audit.of('dead_letter.redrive').map((e) => e.tenantId)).toEqual([tenantId, null]);
  });

  it('re-drives all, in batches, and says what remains', async () => {
    const { tenantId, dead } = await tenantWithDeadLetters(3);
    const result = await f.admin.deadLetters.redriveAll(
      ...asActor(apiKeyActor(tenantId, ['deadletters:redrive'])),
    );
    expect(result).toEqual({ redriven: 3, remaining: false });
    expect(f.queued.map((job) => job.jobId)).toEqual(dead);
    for (const id of dead) expect(await statusOf(tenantId, id)).toBe('received');
    expect(f.audit.of('dead_letter.redrive_all')).toMatchObject([
      { tenantId, outcome: 'success', details: { redriven: 3, remaining: false, inboundMessageIds: dead } },
    ]);
  });

  it('refuses an analyst (403) and a viewer (404 for one, 403 for all), changing nothing', async () => {
    const { tenantId, dead } = await tenantWithDeadLetters(1);
    const ref = { inboundMessageId: dead[0]! };
    await expectRefusedUnchanged(
      f.pool,
      tenantId,
      () => f.admin.deadLetters.redrive(...asUser(tenantId, 'analyst'), ref),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantId,
      () => f.admin.deadLetters.redriveAll(...asUser(tenantId, 'analyst')),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantId,
      () => f.admin.deadLetters.redrive(...asUser(tenantId, 'viewer'), ref),
      NotFoundError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantId,
      () => f.admin.deadLetters.redriveAll(...asUser(tenantId, 'viewer')),
      ForbiddenError,
    );
    expect(f.queued).toEqual([]);
    expect(f.audit.events.map((e) => [e.action, e.outcome])).toEqual([
      ['dead_letter.redrive', 'denied'],
      ['dead_letter.redrive_all', 'denied'],
      ['dead_letter.redrive', 'denied'],
      ['dead_letter.redrive_all', 'denied'],
    ]);
  });

  it("answers 404 to a tenant A owner re-driving tenant B's messages, with B unchanged and nothing queued", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.deadLetters.redrive(actor, ability, { inboundMessageId: deadB }),
      NotFoundError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.deadLetters.redrive(actor, ability, { tenantId: tenantB, inboundMessageId: deadB }),
      NotFoundError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.deadLetters.redriveAll(actor, ability, { tenantId: tenantB }),
      NotFoundError,
    );
    expect(f.queued).toEqual([]);
    expect(f.audit.events.every((e) => e.tenantId === tenantA && e.outcome === 'denied')).toBe(true);
  });

  it('answers 404 for a message that is not dead-lettered', async () => {
    const { tenantId } = await tenantWithDeadLetters(0);
    const live = await f.admin.messages.list(...asUser(tenantId, 'owner'));
    await expect(
      f.admin.deadLetters.redrive(...asUser(tenantId, 'owner'), { inboundMessageId: live.items[0]!.id! }),
    ).rejects.toThrow(NotFoundError);
  });
});
