import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { TIER_LIMITS } from '@elara/ratelimit/tiers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  asPlatform,
  asUser,
  createTenantAdminFixture,
  expectRefusedUnchanged,
  type TenantAdminFixture,
} from '../testing/tenant-admin.fixture.ts';

let f: TenantAdminFixture;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  f = await createTenantAdminFixture();
  tenantA = (await f.builders.newTenant()).id;
  tenantB = (await f.builders.newTenant({ tier: 'enterprise' })).id;
});
afterAll(async () => {
  await f?.close();
});
beforeEach(() => f.audit.clear());

describe('rate limits', () => {
  it.each(['owner', 'admin', 'analyst'] as const)("shows a %s the tenant's tier and limits", async (role) => {
    expect(await f.admin.rateLimits.get(...asUser(tenantA, role))).toEqual({
      tenantId: tenantA,
      tier: 'standard',
      ...TIER_LIMITS.standard,
    });
    expect(f.admin.rateLimits.tiers(...asUser(tenantA, role))).toEqual(TIER_LIMITS);
  });

  it('shows a platform admin any tenant it names', async () => {
    expect(await f.admin.rateLimits.get(...asPlatform(), { tenantId: tenantB })).toMatchObject({
      tier: 'enterprise',
      ...TIER_LIMITS.enterprise,
    });
  });

  it('answers 404 to a viewer, and 403 for the tier table', async () => {
    await expect(f.admin.rateLimits.get(...asUser(tenantA, 'viewer'))).rejects.toThrow(NotFoundError);
    expect(() => f.admin.rateLimits.tiers(...asUser(tenantA, 'viewer'))).toThrow(ForbiddenError);
  });

  it("answers 404 for another tenant's limits", async () => {
    await expect(f.admin.rateLimits.get(...asUser(tenantA, 'owner'), { tenantId: tenantB })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('lets a platform admin change the tier, which changes the limits', async () => {
    const { id } = await f.builders.newTenant();
    const limits = await f.admin.rateLimits.changeTier(...asPlatform(), { tenantId: id, tier: 'free' });
    expect(limits).toEqual({ tenantId: id, tier: 'free', ...TIER_LIMITS.free });
    expect(f.audit.of('tenant.change_tier').map((e) => e.tenantId)).toEqual([id, null]);
  });

  it('refuses tenant roles a tier change, and tenant A any change of B', async () => {
    const { id } = await f.builders.newTenant();
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.rateLimits.changeTier(...asUser(id, 'owner'), { tenantId: id, tier: 'enterprise' }),
      ForbiddenFieldsError,
    );
    await expectRefusedUnchanged(
      f.pool,
      id,
      () => f.admin.rateLimits.changeTier(...asUser(id, 'admin'), { tenantId: id, tier: 'enterprise' }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      f.pool,
      tenantB,
      () => f.admin.rateLimits.changeTier(...asUser(tenantA, 'owner'), { tenantId: tenantB, tier: 'free' }),
      NotFoundError,
    );
    expect(f.audit.events.map((e) => e.outcome)).toEqual(['denied', 'denied', 'denied']);
  });
});
