import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { assertCan } from '@elara/access-control/guards';
import { asSubject, type RateLimitsSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { limitsForTier, TIER_LIMITS, type Tier, type TierLimits } from '@elara/ratelimit/tiers';
import { resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import { findTenant } from '../tenants/tenant.repo.ts';
import type { TenantService } from '../tenants/tenant.service.ts';

/** A tenant's limits as the actor may see them, with its tier when the actor may read that. */
export type RateLimitsView = Partial<RateLimitsSubject> & { tier?: Tier };

export interface RateLimitsRef {
  /** Required for platform admins; tenant actors default to (and may only name) their own. */
  tenantId?: string;
}

/**
 * The message limits a tenant runs under, which today follow from its tier
 * (`@elara/ratelimit/tiers`; per-tenant overrides are not implemented there yet). Owners, admins,
 * analysts and platform admins read them; platform admins change a tenant's tier, which is the
 * tenant service's `changeTier` (audited as `tenant.change_tier`).
 */
export function createRateLimitService({
  pool,
  tenants,
}: {
  pool: Pool;
  tenants: Pick<TenantService, 'changeTier'>;
}) {
  const get = async (ctx: AdminContext, input: RateLimitsRef = {}): Promise<RateLimitsView> => {
    const tenantId = resolveTenant(ctx, 'RateLimits', input.tenantId);
    const row = await withTenant(pool, tenantId, (tx) => findTenant(tx, tenantId));
    if (!row) throw new NotFoundError('RateLimits');
    const view: RateLimitsView = pickReadableFields(ctx.ability, 'RateLimits', {
      tenantId,
      ...limitsForTier(row.tier),
    });
    if (ctx.ability.can('read', asSubject('Tenant', { tenantId }), 'tier')) view.tier = row.tier as Tier;
    return view;
  };

  return {
    /** The tenant's limits (and tier, for actors who may read the tenant's tier). */
    get(actor: ActorContext, ability: AppAbility, input: RateLimitsRef = {}): Promise<RateLimitsView> {
      return get({ actor, ability }, input);
    },

    /** Every tier's limits (the same for every tenant), for whoever may read rate limits. */
    tiers(actor: ActorContext, ability: AppAbility): Readonly<Record<Tier, TierLimits>> {
      assertCan(ability, 'read', 'RateLimits');
      return TIER_LIMITS;
    },

    /** Platform admins: moves the tenant to `tier` and answers its new limits. */
    async changeTier(
      actor: ActorContext,
      ability: AppAbility,
      input: { tenantId: string; tier: Tier },
    ): Promise<RateLimitsView> {
      await tenants.changeTier(actor, ability, input);
      return get({ actor, ability }, { tenantId: input.tenantId });
    },
  };
}

export type RateLimitService = ReturnType<typeof createRateLimitService>;
