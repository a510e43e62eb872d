import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKeyActor,
  asActor,
  asPlatform,
  asUser,
  createTenantAdminFixture,
  expectRefusedUnchanged,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';
import { ValidationError } from '../tenant-admin.errors.ts';
import type { UrlRuleData } from './url-rule.service.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await f.builders.newTenant()).id;
  tenantB = (await f.builders.newTenant()).id;
  await f.admin.urlRules.set(...asUser(tenantB, 'owner'), {
    data: { list: 'block', domain: 'b-only.example' },
  });
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => f.audit.clear());

describe('set and remove', () => {
  it.each(['owner', 'admin'] as const)(
    'lets a %s add, move and remove a rule, each audited',
    async (role) => {
      const { id } = await f.builders.newTenant();
      const [actor, ability] = asUser(id, role);
      const added = await f.admin.urlRules.set(actor, ability, {
        data: { list: 'allow', domain: 'https://Login.Partner.Example/path', note: 'partner' },
      });
      expect(added).toMatchObject({
        tenantId: id,
        list: 'allow',
        domain: 'login.partner.example',
        note: 'partner',
      });
      const moved = await f.admin.urlRules.set(actor, ability, {
        data: { list: 'block', domain: 'login.partner.example' },
      });
      expect(moved).toMatchObject({ id: added.id, list: 'block', note: null });
      await f.admin.urlRules.remove(actor, ability, { domain: 'LOGIN.partner.example.' });
      expect((await f.admin.urlRules.list(actor, ability)).items).toEqual([]);
      expect(f.audit.events.map((e) => [e.action, e.outcome, e.details])).toEqual([
        ['url_rule.set', 'success', { domain: 'login.partner.example', list: 'allow', created: true }],
        [
          'url_rule.set',
          'success',
          { domain: 'login.partner.example', list: 'block', created: false, previousList: 'allow' },
        ],
        ['url_rule.delete', 'success', { domain: 'login.partner.example', list: 'block' }],
      ]);
    },
  );

  it('refuses an analyst changes (403) and a viewer or platform admin everything', async () => {
    const { id } = await f.builders.newTenant();
    await f.admin.urlRules.set(...asUser(id, 'owner'), { data: { list: 'allow', domain: 'keep.example' } });
    f.audit.clear();
    const data: UrlRuleData = { list: 'block', domain: 'new.example' };
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.urlRules.set(...asUser(id, 'analyst'), { data }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.urlRules.remove(...asUser(id, 'analyst'), { domain: 'keep.example' }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.urlRules.set(...asUser(id, 'viewer'), { data }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.urlRules.remove(...asUser(id, 'viewer'), { domain: 'keep.example' }),
      NotFoundError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.urlRules.set(...asPlatform(), { tenantId: id, data }),
      ForbiddenError,
    );
    await expect(f.admin.urlRules.list(...asPlatform(), { tenantId: id })).rejects.toThrow(ForbiddenError);
    expect(f.audit.events.map((e) => e.outcome)).toEqual(['denied', 'denied', 'denied', 'denied', 'denied']);
  });

  it('refuses tenantId in the rule (mass assignment)', async () => {
    const data = { list: 'block', domain: 'x.example', tenantId: tenantB } as UrlRuleData;
    const attempt = () => f.admin.urlRules.set(...asUser(tenantA, 'owner'), { data });
    await expectRefusedUnchanged(f.pool, tenantA, attempt, ForbiddenFieldsError);
    await expectRefusedUnchanged(f.pool, tenantB, attempt, ForbiddenFieldsError);
  });

  it("answers 404 to a tenant A owner aiming at tenant B's list, with B unchanged", async () => {
    const [actor, ability] = asUser(tenantA, 'owner');
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () =>
        f.admin.urlRules.set(actor, ability, {
          tenantId: tenantB,
          data: { list: 'allow', domain: 'b-only.example' },
        }),
      NotFoundError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.urlRules.remove(actor, ability, { tenantId: tenantB, domain: 'b-only.example' }),
      NotFoundError,
    );
    // Without naming B, the domain is looked up in A's own list, where it does not exist.
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.urlRules.remove(actor, ability, { domain: 'b-only.example' }),
      NotFoundError,
    );
    await expect(f.admin.urlRules.list(actor, ability, { tenantId: tenantB })).rejects.toThrow(NotFoundError);
    expect(f.audit.events.every((e) => e.tenantId === tenantA && e.outcome === 'denied')).toBe(true);
  });

  it.each([
    [{ list: 'grey', domain: 'x.example' }, 'list'],
    [{ list: 'block', domain: '192.168.0.1' }, 'domain'],
    [{ list: 'block', domain: 'localhost' }, 'domain'],
    [{ list: 'block', domain: 'x.example', note: 'n'.repeat(501) }, 'note'],
  ])('rejects %j (400)', async (data, path) => {
    const error = await f.admin.urlRules
      .set(...asUser(tenantA, 'admin'), { data: data as UrlRuleData })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('list', () => {
  it('pages by list then domain, filters by list, for an analyst and an API key', async () => {
    const { id } = await f.builders.newTenant();
    const [owner, ownerAbility] = asUser(id, 'owner');
    for (const [list, domain] of [
      ['block', 'b.example'],
      ['allow', 'z.example'],
      ['allow', 'a-b.example'],
      ['allow', 'ab.example'],
    ] as const) {
      await f.admin.urlRules.set(owner, ownerAbility, { data: { list, domain } });
    }
    const [actor, ability] = asUser(id, 'analyst');
    const first = await f.admin.urlRules.list(actor, ability, { limit: 3 });
    const second = await f.admin.urlRules.list(actor, ability, { limit: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((r) => `${r.list}:${r.domain}`)).toEqual([
      'allow:a-b.example',
      'allow:ab.example',
      'allow:z.example',
      'block:b.example',
    ]);
    expect(second.nextCursor).toBeNull();
    const blocks = await f.admin.urlRules.list(...asActor(apiKeyActor(id, ['urlrules:read'])), {
      list: 'block',
    });
    expect(blocks.items.map((r) => r.domain)).toEqual(['b.example']);
    await expect(f.admin.urlRules.list(...asUser(id, 'viewer'))).rejects.toThrow(ForbiddenError);
  });
});
