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
import type { SettingsPatch } from './settings.service.ts';

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

describe('get', () => {
  it.each(['owner', 'admin'] as const)('shows a %s every setting', async (role) => {
    const settings = await f.admin.settings.get(...asUser(tenantA, role));
    expect(settings).toEqual({
      tenantId: tenantA,
      defaultLanguage: 'en',
      brandDomains: ['demobank.com'],
      ssoEnforced: false,
      replyStyle: 'standard',
    });
  });

  it('shows a platform admin any tenant it names', async () => {
    expect(await f.admin.settings.get(...asPlatform(), { tenantId: tenantB })).toMatchObject({
      tenantId: tenantB,
    });
  });

  it.each(['analyst', 'viewer'] as const)(
    'answers 404 to a %s (a subject the role never sees)',
    async (role) => {
      await expect(f.admin.settings.get(...asUser(tenantA, role))).rejects.toThrow(NotFoundError);
    },
  );

  it("answers 404 for another tenant's settings", async () => {
    await expect(f.admin.settings.get(...asUser(tenantA, 'owner'), { tenantId: tenantB })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe('update', () => {
  it('lets an owner change everything, with domains normalised, audited as settings.update', async () => {
    const { id } = await f.builders.newTenant();
    const [actor, ability] = asUser(id, 'owner');
    const settings = await f.admin.settings.update(actor, ability, {
      patch: {
        defaultLanguage: 'pt',
        brandDomains: ['Example.COM.', 'http://Пример.рф/login', 'example.com'],
        replyStyle: 'brief',
        ssoEnforced: true,
      },
    });
    expect(settings).toEqual({
      tenantId: id,
      defaultLanguage: 'pt',
      brandDomains: ['example.com', 'xn--e1afmkfd.xn--p1ai'],
      replyStyle: 'brief',
      ssoEnforced: true,
    });
    expect(f.audit.of('settings.update')).toMatchObject([
      {
        tenantId: id,
        outcome: 'success',
        target: { type: 'settings', id },
        details: {
          defaultLanguage: { from: 'en', to: 'pt' },
          replyStyle: { from: 'standard', to: 'brief' },
          ssoEnforced: { from: false, to: true },
          brandDomains: {
            added: ['example.com', 'xn--e1afmkfd.xn--p1ai'],
            removed: ['demobank.com'],
            count: 2,
          },
        },
      },
    ]);
  });

  it('lets an admin change language, domains and reply style', async () => {
    const { id } = await f.builders.newTenant();
    const settings = await f.admin.settings.update(...asUser(id, 'admin'), {
      patch: { defaultLanguage: 'fr', brandDomains: [], replyStyle: 'brief' },
    });
    expect(settings).toMatchObject({ defaultLanguage: 'fr', brandDomains: [], replyStyle: 'brief' });
  });

  it('refuses an admin the SSO-only flag (403 naming it), changing nothing, audited as denied', async () => {
    const { id } = await f.builders.newTenant();
    const [actor, ability] = asUser(id, 'admin');
    const attempt = () =>
      f.admin.settings.update(actor, ability, { patch: { defaultLanguage: 'de', ssoEnforced: true } });
    await expectRefusedUnchanged(f.pool, id, attempt, ForbiddenFieldsError);
    const error = await attempt().catch((e: unknown) => e);
    expect((error as ForbiddenFieldsError).fields).toEqual(['ssoEnforced']);
    expect(f.audit.of('settings.update')[0]).toMatchObject({
      tenantId: id,
      outcome: 'denied',
      details: { reason: 'forbidden', fields: ['ssoEnforced'] },
    });
  });

  it('refuses tenantId and unknown keys in the patch (mass assignment), changing nothing', async () => {
    const { id } = await f.builders.newTenant();
    const patch = { defaultLanguage: 'es', tenantId: tenantB, tier: 'enterprise' } as SettingsPatch;
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.settings.update(...asUser(id, 'owner'), { patch }),
      ForbiddenFieldsError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.settings.update(...asUser(id, 'owner'), { patch }),
      ForbiddenFieldsError,
    );
  });

  it.each(['analyst', 'viewer'] as const)('answers 404 to a %s', async (role) => {
    const { id } = await f.builders.newTenant();
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.settings.update(...asUser(id, role), { patch: { defaultLanguage: 'de' } }),
      NotFoundError,
    );
    expect(f.audit.of('settings.update')[0]).toMatchObject({ outcome: 'denied' });
  });

  it('refuses a platform admin (read only) with 403', async () => {
    const { id } = await f.builders.newTenant();
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.settings.update(...asPlatform(), { tenantId: id, patch: { defaultLanguage: 'de' } }),
      ForbiddenError,
    );
    expect(f.audit.of('settings.update')[0]).toMatchObject({ tenantId: null, outcome: 'denied' });
  });

  it("answers 404 to a tenant A owner aiming at tenant B, with B's rows unchanged", async () => {
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () =>
        f.admin.settings.update(...asUser(tenantA, 'owner'), {
          tenantId: tenantB,
          patch: { brandDomains: ['evil.example'], ssoEnforced: true },
        }),
      NotFoundError,
    );
    expect(f.audit.events).toMatchObject([{ tenantId: tenantA, outcome: 'denied' }]);
  });

  it('lets an API key with settings:write change general settings (reply style too) but never SSO', async () => {
    const { id } = await f.builders.newTenant();
    const key = asActor(apiKeyActor(id, ['settings:write']));
    expect(await f.admin.settings.update(...key, { patch: { replyStyle: 'brief' } })).toMatchObject({
      replyStyle: 'brief',
    });
    await expect(f.admin.settings.update(...key, { patch: { ssoEnforced: true } })).rejects.toThrow(
      ForbiddenFieldsError,
    );
    const readOnly = asActor(apiKeyActor(id, ['settings:read']));
    await expect(f.admin.settings.update(...readOnly, { patch: { replyStyle: 'standard' } })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it.each([
    [{ defaultLanguage: 'it' }, 'defaultLanguage'],
    [{ brandDomains: ['localhost'] }, 'brandDomains.0'],
    [{ brandDomains: ['10.0.0.1'] }, 'brandDomains.0'],
    [{ replyStyle: 'chatty' }, 'replyStyle'],
    [{ ssoEnforced: 'yes' }, 'ssoEnforced'],
    [{ sso: { entityId: 'x' } }, ''],
    [{}, ''],
  ])('rejects %j (400)', async (patch, path) => {
    const { id } = await f.builders.newTenant();
    const error = await f.admin.settings
      .update(...asUser(id, 'owner'), { patch: patch as SettingsPatch })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    if (path) expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  });

  it('rejects more than 50 brand domains', async () => {
    const { id } = await f.builders.newTenant();
    const brandDomains = Array.from({ length: 51 }, (_, i) => `brand${i}.example`);
    await expect(
      f.admin.settings.update(...asUser(id, 'owner'), { patch: { brandDomains } }),
    ).rejects.toThrow(ValidationError);
  });
});
