import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  asPlatform,
  asUser,
  createTenantAdminFixture,
  expectRefusedUnchanged,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';
import { ConflictError, ValidationError } from '../tenant-admin.errors.ts';
import type { CreateTenantInput } from './tenant.service.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await f.builders.newTenant()).id;
  tenantB = (await f.builders.newTenant()).id;
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => f.audit.clear());

const slug = () => `acme-${Math.random().toString(36).slice(2, 10)}`;

describe('create', () => {
  it('creates a tenant with its initial settings, audited on the platform and the new chain', async () => {
    const [actor, ability] = asPlatform();
    const input: CreateTenantInput = {
      slug: slug(),
      name: '  Acme Bank ',
      tier: 'enterprise',
      defaultLanguage: 'es',
      brandDomains: ['Acme.COM', 'https://login.acme.com/x', 'acme.com', 'bücher.de'],
    };
    const tenant = await f.admin.tenants.create(actor, ability, input);
    expect(tenant).toMatchObject({
      slug: input.slug,
      name: 'Acme Bank',
      tier: 'enterprise',
      status: 'active',
    });
    const settings = await f.admin.settings.get(...asUser(tenant.tenantId!, 'owner'));
    expect(settings).toMatchObject({
      defaultLanguage: 'es',
      brandDomains: ['acme.com', 'login.acme.com', 'xn--bcher-kva.de'],
    });
    const events = f.audit.of('tenant.create');
    expect(events.map((e) => [e.tenantId, e.outcome])).toEqual([
      [tenant.tenantId, 'success'],
      [null, 'success'],
    ]);
    expect(events[0]).toMatchObject({
      actor: { type: 'platform_admin', id: actor.actorId },
      target: { type: 'tenant', id: tenant.tenantId },
      sourceIp: '203.0.113.7',
      userAgent: 'vitest',
    });
    expect(events[1]!.details).toMatchObject({ slug: input.slug, tenantId: tenant.tenantId });
  });

  it('answers 409 for a slug in use, and records the error on the platform chain', async () => {
    const [actor, ability] = asPlatform();
    const input = { slug: slug(), name: 'First' };
    await f.admin.tenants.create(actor, ability, input);
    f.audit.clear();
    await expect(f.admin.tenants.create(actor, ability, { ...input, name: 'Second' })).rejects.toThrow(
      ConflictError,
    );
    expect(f.audit.of('tenant.create')).toMatchObject([
      { tenantId: null, outcome: 'error', details: { reason: 'conflict' } },
    ]);
  });

  it('refuses fields outside the create rule (mass assignment), naming them, and creates nothing', async () => {
    const [actor, ability] = asPlatform();
    const input = {
      slug: slug(),
      name: 'Sneaky',
      status: 'suspended',
      tenantId: tenantA,
    } as CreateTenantInput;
    const error = await f.admin.tenants.create(actor, ability, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenFieldsError);
    expect((error as ForbiddenFieldsError).fields).toEqual(['status', 'tenantId']);
    const page = await f.admin.tenants.list(actor, ability, { limit: 100 });
    expect(page.items.map((t) => t.slug)).not.toContain(input.slug);
    expect(f.audit.of('tenant.create')).toMatchObject([
      { tenantId: null, outcome: 'denied', details: { reason: 'forbidden', fields: ['status', 'tenantId'] } },
    ]);
  });

  it.each(['owner', 'admin', 'analyst', 'viewer'] as const)(
    'refuses a tenant %s (403), audited as denied',
    async (role) => {
      const [actor, ability] = asUser(tenantA, role);
      await expect(f.admin.tenants.create(actor, ability, { slug: slug(), name: 'Nope' })).rejects.toThrow(
        ForbiddenError,
      );
      expect(f.audit.of('tenant.create')).toMatchObject([{ tenantId: tenantA, outcome: 'denied' }]);
    },
  );

  it.each([
    [{ slug: 'A!', name: 'x' }, 'slug'],
    [{ slug: slug(), name: '' }, 'name'],
    [{ slug: slug(), name: 'x', tier: 'gold' }, 'tier'],
    [{ slug: slug(), name: 'x', defaultLanguage: 'it' }, 'defaultLanguage'],
    [{ slug: slug(), name: 'x', brandDomains: ['not a domain'] }, 'brandDomains.0'],
  ])('rejects invalid input %j (400)', async (input, path) => {
    const error = await f.admin.tenants
      .create(...asPlatform(), input as CreateTenantInput)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  });
});

describe('list and get', () => {
  it('pages every tenant by slug for platform admins, without repeats', async () => {
    const [actor, ability] = asPlatform();
    for (let i = 0; i < 3; i += 1)
      await f.admin.tenants.create(actor, ability, { slug: slug(), name: `T${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f.admin.tenants.list(actor, ability, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.slug!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  it('filters by status, and refuses a bad cursor or page size (400)', async () => {
    const [actor, ability] = asPlatform();
    const suspended = await f.admin.tenants.create(actor, ability, { slug: slug(), name: 'Paused' });
    await f.admin.tenants.suspend(actor, ability, { tenantId: suspended.tenantId! });
    const page = await f.admin.tenants.list(actor, ability, { status: 'suspended', limit: 100 });
    expect(page.items.map((t) => t.tenantId)).toContain(suspended.tenantId);
    expect(page.items.every((t) => t.status === 'suspended')).toBe(true);
    await expect(f.admin.tenants.list(actor, ability, { cursor: 'garbage' })).rejects.toThrow(
      ValidationError,
    );
    await expect(f.admin.tenants.list(actor, ability, { limit: 101 })).rejects.toThrow(ValidationError);
  });

  it.each(['owner', 'admin', 'analyst', 'viewer'] as const)(
    'shows a tenant %s only its own tenant',
    async (role) => {
      const [actor, ability] = asUser(tenantA, role);
      const page = await f.admin.tenants.list(actor, ability);
      expect(page).toEqual({ items: [expect.objectContaining({ tenantId: tenantA })], nextCursor: null });
      expect(await f.admin.tenants.get(actor, ability, { tenantId: tenantA })).toMatchObject({
        tenantId: tenantA,
      });
      await expect(f.admin.tenants.get(actor, ability, { tenantId: tenantB })).rejects.toThrow(NotFoundError);
    },
  );

  it('answers 404 for an unknown or malformed id', async () => {
    const [actor, ability] = asPlatform();
    await expect(
      f.admin.tenants.get(actor, ability, { tenantId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(NotFoundError);
    await expect(f.admin.tenants.get(actor, ability, { tenantId: 'nope' })).rejects.toThrow(NotFoundError);
  });
});

describe('suspend, reactivate, change tier, rename', () => {
  it('lets a platform admin suspend and reactivate, audited on both chains', async () => {
    const [actor, ability] = asPlatform();
    const { id } = await f.builders.newTenant();
    expect(await f.admin.tenants.suspend(actor, ability, { tenantId: id })).toMatchObject({
      status: 'suspended',
    });
    expect(await f.admin.tenants.reactivate(actor, ability, { tenantId: id })).toMatchObject({
      status: 'active',
    });
    expect(f.audit.events.map((e) => [e.action, e.tenantId, e.outcome])).toEqual([
      ['tenant.suspend', id, 'success'],
      ['tenant.suspend', null, 'success'],
      ['tenant.reactivate', id, 'success'],
      ['tenant.reactivate', null, 'success'],
    ]);
  });

  it('lets a platform admin change the tier', async () => {
    const { id } = await f.builders.newTenant();
    const tenant = await f.admin.tenants.changeTier(...asPlatform(), { tenantId: id, tier: 'free' });
    expect(tenant.tier).toBe('free');
    expect(f.audit.of('tenant.change_tier')[0]).toMatchObject({
      tenantId: id,
      outcome: 'success',
      details: { from: 'standard', to: 'free' },
    });
  });

  it('lets an owner rename their tenant, but not change its tier or suspend it', async () => {
    const { id } = await f.builders.newTenant();
    const [actor, ability] = asUser(id, 'owner');
    expect(await f.admin.tenants.rename(actor, ability, { tenantId: id, name: 'Renamed' })).toMatchObject({
      name: 'Renamed',
    });
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.tenants.changeTier(actor, ability, { tenantId: id, tier: 'enterprise' }),
      ForbiddenFieldsError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.tenants.suspend(actor, ability, { tenantId: id }),
      ForbiddenError,
    );
    expect(f.audit.events.map((e) => [e.action, e.outcome])).toEqual([
      ['tenant.rename', 'success'],
      ['tenant.change_tier', 'denied'],
      ['tenant.suspend', 'denied'],
    ]);
  });

  it.each(['admin', 'analyst', 'viewer'] as const)('refuses a %s every change (403)', async (role) => {
    const { id } = await f.builders.newTenant();
    const [actor, ability] = asUser(id, role);
    const attempts = [
      () => f.admin.tenants.rename(actor, ability, { tenantId: id, name: 'x' }),
      () => f.admin.tenants.suspend(actor, ability, { tenantId: id }),
      () => f.admin.tenants.reactivate(actor, ability, { tenantId: id }),
      () => f.admin.tenants.changeTier(actor, ability, { tenantId: id, tier: 'free' }),
    ];
    for (const attempt of attempts) await expectRefusedUnchanged(f.pool, id, attempt, ForbiddenError);
    expect(f.audit.events.every((e) => e.outcome === 'denied' && e.tenantId === id)).toBe(true);
    expect(f.audit.events).toHaveLength(4);
  });

  it("answers 404 to a tenant A owner acting on tenant B, with B's rows unchanged", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    const attempts = [
      () => f.admin.tenants.rename(actor, ability, { tenantId: tenantB, name: 'Hijacked' }),
      () => f.admin.tenants.suspend(actor, ability, { tenantId: tenantB }),
      () => f.admin.tenants.reactivate(actor, ability, { tenantId: tenantB }),
      () => f.admin.tenants.changeTier(actor, ability, { tenantId: tenantB, tier: 'enterprise' }),
    ];
    for (const attempt of attempts) await expectRefusedUnchanged(f.pool, tenantB, attempt, NotFoundError);
    // Denials go to the actor's own chain, never to the tenant it aimed at.
    expect(f.audit.events.map((e) => [e.tenantId, e.outcome, e.details?.reason])).toEqual(
      attempts.map(() => [tenantA, 'denied', 'not_found']),
    );
  });

  it('rejects an unknown tier (400) after the permission check', async () => {
    const { id } = await f.builders.newTenant();
    await expect(
      f.admin.tenants.changeTier(...asPlatform(), { tenantId: id, tier: 'gold' as 'free' }),
    ).rejects.toThrow(ValidationError);
  });

  it('requires platform admins to name the tenant', async () => {
    await expect(f.admin.tenants.suspend(...asPlatform(), {} as { tenantId: string })).rejects.toThrow(
      ValidationError,
    );
  });
});
