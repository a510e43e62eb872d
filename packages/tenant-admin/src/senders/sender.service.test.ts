import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { withTenant } from '@elara/db/tenant';
import { randomAccountSid, randomPhone } from '@elara/testkit/builders';
import { senderTokenAad } from '@elara/whatsapp/senders';
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
import { ConflictError, ValidationError } from '../tenant-admin.errors.ts';
import type { NewSenderData, SenderCredentials } from './sender.service.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;
let senderB: { id: string; authToken: string };

const TOKEN = 'f3c1a9e0b7d24c58a6e1f0b9c8d7e6a5';
const newSender = (): NewSenderData => ({
  phoneNumber: randomPhone(),
  accountSid: randomAccountSid(),
  authToken: TOKEN,
});

async function sealedToken(tenantId: string, senderId: string): Promise<string> {
  const { rows } = await withTenant(f.pool, tenantId, (tx) =>
    tx.query<{ sealed: string }>('SELECT auth_token_sealed AS sealed FROM whatsapp_senders WHERE id = $1', [
      senderId,
    ]),
  );
  return rows[0]!.sealed;
}

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await f.builders.newTenant()).id;
  tenantB = (await f.builders.newTenant()).id;
  senderB = await f.builders.newSender(tenantB);
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => f.audit.clear());

describe('create', () => {
  it.each(['owner', 'admin'] as const)(
    'lets a %s add a number with its token sealed, never returned',
    async (role) => {
      const data = newSender();
      const sender = await f.admin.senders.create(...asUser(tenantA, role), { data });
      expect(sender).toEqual({
        tenantId: tenantA,
        id: expect.any(String),
        phoneNumber: data.phoneNumber,
        accountSid: data.accountSid,
        status: 'active',
        createdAt: expect.any(Date),
      });
      const sealed = await sealedToken(tenantA, sender.id!);
      expect(f.secretBox.open(sealed, senderTokenAad(tenantA, sender.id!))).toBe(TOKEN);
      const json = JSON.stringify([sender, f.audit.events]);
      expect(json).not.toContain(TOKEN);
      expect(json).not.toContain(sealed);
      expect(f.audit.of('sender.create')).toMatchObject([
        {
          tenantId: tenantA,
          outcome: 'success',
          target: { type: 'sender', id: sender.id },
          details: { phoneNumber: data.phoneNumber },
        },
      ]);
    },
  );

  it('answers 409 for a number another tenant already has', async () => {
    const data = { ...newSender(), phoneNumber: (await f.builders.newSender(tenantB)).phoneNumber };
    await expect(f.admin.senders.create(...asUser(tenantA, 'owner'), { data })).rejects.toThrow(
      ConflictError,
    );
    expect(f.audit.of('sender.create')).toMatchObject([{ tenantId: tenantA, outcome: 'error' }]);
  });

  it.each(['analyst', 'viewer'] as const)('refuses a %s (403), audited as denied', async (role) => {
    await expectRefusedUnchanged(
      f.pool,
      tenantA,
      () => f.admin.senders.create(...asUser(tenantA, role), { data: newSender() }),
      ForbiddenError,
    );
    expect(f.audit.of('sender.create')).toMatchObject([{ tenantId: tenantA, outcome: 'denied' }]);
  });

  it('refuses a platform admin (403)', async () => {
    await expectRefusedUnchanged(
      f.pool,
      tenantA,
      () => f.admin.senders.create(...asPlatform(), { tenantId: tenantA, data: newSender() }),
      ForbiddenError,
    );
  });

  it('refuses tenantId or status in the payload (mass assignment)', async () => {
    const data = { ...newSender(), tenantId: tenantB, status: 'disabled' } as NewSenderData;
    const attempt = () => f.admin.senders.create(...asUser(tenantA, 'owner'), { data });
    await expectRefusedUnchanged(f.pool, tenantA, attempt, ForbiddenFieldsError);
    await expectRefusedUnchanged(f.pool, tenantB, attempt, ForbiddenFieldsError);
  });

  it("answers 404 to a tenant A owner adding to tenant B, with B's rows unchanged", async () => {
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.senders.create(...asUser(tenantA, 'owner'), { tenantId: tenantB, data: newSender() }),
      NotFoundError,
    );
    expect(f.audit.events).toMatchObject([{ tenantId: tenantA, outcome: 'denied' }]);
  });

  it.each([
    [{ phoneNumber: '0044 20 7946' }, 'phoneNumber'],
    [{ accountSid: 'AC123' }, 'accountSid'],
    [{ authToken: 'short' }, 'authToken'],
  ])('rejects %j (400)', async (change, path) => {
    const error = await f.admin.senders
      .create(...asUser(tenantA, 'owner'), { data: { ...newSender(), ...change } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('list and get', () => {
  it.each(['owner', 'admin', 'analyst'] as const)('shows a %s the numbers, never a token', async (role) => {
    const { id } = await f.builders.newTenant();
    const built = [
      await f.builders.newSender(id),
      await f.builders.newSender(id),
      await f.builders.newSender(id),
    ];
    const [actor, ability] = asUser(id, role);
    const first = await f.admin.senders.list(actor, ability, { limit: 2 });
    const second = await f.admin.senders.list(actor, ability, { limit: 2, cursor: first.nextCursor });
    expect(first.items).toHaveLength(2);
    expect(second).toMatchObject({ nextCursor: null });
    const items = [...first.items, ...second.items];
    expect(items.map((s) => s.id).sort()).toEqual(built.map((s) => s.id).sort());
    const one = await f.admin.senders.get(actor, ability, { senderId: built[0]!.id });
    const json = JSON.stringify([items, one]);
    for (const sender of built) {
      expect(json).not.toContain(sender.authToken);
      expect(json).not.toContain(await sealedToken(id, sender.id));
    }
    expect(Object.keys(one).sort()).toEqual([
      'accountSid',
      'createdAt',
      'id',
      'phoneNumber',
      'status',
      'tenantId',
    ]);
  });

  it('shows a platform admin the numbers of the tenant it names', async () => {
    const page = await f.admin.senders.list(...asPlatform(), { tenantId: tenantB });
    expect(page.items.map((s) => s.id)).toContain(senderB.id);
    expect(JSON.stringify(page)).not.toContain(senderB.authToken);
  });

  it('filters by status', async () => {
    const { id } = await f.builders.newTenant();
    const [active, disabled] = [await f.builders.newSender(id), await f.builders.newSender(id)];
    await f.admin.senders.update(...asUser(id, 'owner'), {
      senderId: disabled.id,
      patch: { status: 'disabled' },
    });
    const page = await f.admin.senders.list(...asUser(id, 'analyst'), { status: 'active' });
    expect(page.items.map((s) => s.id)).toEqual([active.id]);
  });

  it('refuses a viewer the list (403) and answers 404 for one number', async () => {
    await expect(f.admin.senders.list(...asUser(tenantB, 'viewer'))).rejects.toThrow(ForbiddenError);
    await expect(f.admin.senders.get(...asUser(tenantB, 'viewer'), { senderId: senderB.id })).rejects.toThrow(
      NotFoundError,
    );
  });

  it("answers 404 for tenant B's number or list to a tenant A owner", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    await expect(f.admin.senders.get(actor, ability, { senderId: senderB.id })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      f.admin.senders.get(actor, ability, { tenantId: tenantB, senderId: senderB.id }),
    ).rejects.toThrow(NotFoundError);
    await expect(f.admin.senders.list(actor, ability, { tenantId: tenantB })).rejects.toThrow(NotFoundError);
  });
});

describe('update, rotate, delete', () => {
  it('lets an admin disable and re-enable a number', async () => {
    const { id } = await f.builders.newTenant();
    const sender = await f.builders.newSender(id);
    const [actor, ability] = asUser(id, 'admin');
    const input = { senderId: sender.id };
    expect(
      await f.admin.senders.update(actor, ability, { ...input, patch: { status: 'disabled' } }),
    ).toMatchObject({
      status: 'disabled',
    });
    expect(
      await f.admin.senders.update(actor, ability, { ...input, patch: { status: 'active' } }),
    ).toMatchObject({
      status: 'active',
    });
    expect(f.audit.of('sender.update').map((e) => e.details)).toEqual([
      { status: { from: 'active', to: 'disabled' } },
      { status: { from: 'disabled', to: 'active' } },
    ]);
  });

  it('refuses credentials or tenantId through update', async () => {
    const { id } = await f.builders.newTenant();
    const sender = await f.builders.newSender(id);
    const [actor, ability] = asUser(id, 'owner');
    await expectRefusedUnchanged(
      f.pool,
      id,
      () =>
        f.admin.senders.update(actor, ability, {
          senderId: sender.id,
          patch: { authToken: 'x'.repeat(32) } as never,
        }),
      ValidationError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () =>
        f.admin.senders.update(actor, ability, {
          senderId: sender.id,
          patch: { tenantId: tenantB } as never,
        }),
      ForbiddenFieldsError,
    );
  });

  it('rotates the token (sealed anew, bound to the row) and optionally the account SID', async () => {
    const { id } = await f.builders.newTenant();
    const sender = await f.builders.newSender(id);
    const newToken = 'a'.repeat(16) + 'b'.repeat(16);
    const accountSid = randomAccountSid();
    const data: SenderCredentials = { authToken: newToken, accountSid };
    const view = await f.admin.senders.rotateCredentials(...asUser(id, 'owner'), {
      senderId: sender.id,
      data,
    });
    expect(view).toMatchObject({ id: sender.id, accountSid });
    const sealed = await sealedToken(id, sender.id);
    expect(f.secretBox.open(sealed, senderTokenAad(id, sender.id))).toBe(newToken);
    expect(JSON.stringify([view, f.audit.events])).not.toContain(newToken);
    expect(f.audit.of('sender.rotate')).toMatchObject([
      { tenantId: id, outcome: 'success', details: { accountSidChanged: true } },
    ]);
  });

  it('deletes a number without messages, and refuses (409) one with messages', async () => {
    const { id } = await f.builders.newTenant();
    const [unused, used] = [await f.builders.newSender(id), await f.builders.newSender(id)];
    await seedMessage(f.pool, { tenantId: id, senderId: used.id, verdict: 'scam' });
    const [actor, ability] = asUser(id, 'owner');
    await f.admin.senders.delete(actor, ability, { senderId: unused.id });
    await expect(f.admin.senders.get(actor, ability, { senderId: unused.id })).rejects.toThrow(NotFoundError);
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.senders.delete(actor, ability, { senderId: used.id }),
      ConflictError,
    );
    expect(f.audit.of('sender.delete').map((e) => e.outcome)).toEqual(['success', 'error']);
  });

  it.each(['analyst'] as const)('refuses an %s every change (403)', async (role) => {
    const { id } = await f.builders.newTenant();
    const sender = await f.builders.newSender(id);
    const [actor, ability] = asUser(id, role);
    const attempts = [
      () => f.admin.senders.update(actor, ability, { senderId: sender.id, patch: { status: 'disabled' } }),
      () =>
        f.admin.senders.rotateCredentials(actor, ability, {
          senderId: sender.id,
          data: { authToken: TOKEN },
        }),
      () => f.admin.senders.delete(actor, ability, { senderId: sender.id }),
    ];
    for (const attempt of attempts) await expectRefusedUnchanged(f.pool, id, attempt, ForbiddenError);
    expect(f.audit.events.map((e) => [e.action, e.outcome])).toEqual([
      ['sender.update', 'denied'],
      ['sender.rotate', 'denied'],
      ['sender.delete', 'denied'],
    ]);
  });

  it('answers 404 to a viewer for every change, and 403 to a platform admin', async () => {
    const { id } = await f.builders.newTenant();
    const sender = await f.builders.newSender(id);
    for (const [[actor, ability], error] of [
      [asUser(id, 'viewer'), NotFoundError],
      [asPlatform(), ForbiddenError],
    ] as const) {
      const ref = { tenantId: id, senderId: sender.id };
      await expectRefusedUnchanged(
        f.pool,
        id,
        () => f.admin.senders.update(actor, ability, { ...ref, patch: { status: 'disabled' } }),
        error,
      );
      await expectRefusedUnchanged(
        f.pool,
        id,
        () => f.admin.senders.rotateCredentials(actor, ability, { ...ref, data: { authToken: TOKEN } }),
        error,
      );
      await expectRefusedUnchanged(f.pool, id, () => f.admin.senders.delete(actor, ability, ref), error);
    }
  });

  it("answers 404 to a tenant A owner for every change of B's number, with B unchanged", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    for (const ref of [{ senderId: senderB.id }, { tenantId: tenantB, senderId: senderB.id }]) {
      const attempts = [
        () => f.admin.senders.update(actor, ability, { ...ref, patch: { status: 'disabled' } }),
        () => f.admin.senders.rotateCredentials(actor, ability, { ...ref, data: { authToken: TOKEN } }),
        () => f.admin.senders.delete(actor, ability, ref),
      ];
      for (const attempt of attempts) await expectRefusedUnchanged(f.pool, tenantB, attempt, NotFoundError);
    }
    expect(f.audit.events.every((e) => e.tenantId === tenantA && e.outcome === 'denied')).toBe(true);
    expect(f.audit.events).toHaveLength(6);
  });

  it('lets an API key with senders:write manage numbers, and refuses senders:read', async () => {
    const { id } = await f.builders.newTenant();
    const writer = asActor(apiKeyActor(id, ['senders:write']));
    const sender = await f.admin.senders.create(...writer, { data: newSender() });
    expect(f.audit.of('sender.create')[0]).toMatchObject({ actor: { type: 'api_key' }, outcome: 'success' });
    const reader = asActor(apiKeyActor(id, ['senders:read']));
    await expect(f.admin.senders.delete(...reader, { senderId: sender.id! })).rejects.toThrow(ForbiddenError);
  });
});
