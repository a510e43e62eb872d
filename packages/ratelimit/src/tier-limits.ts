/** Tenant tiers and what each may send. Per-tenant overrides come with the admin API. */
export type Tier = 'free' | 'standard' | 'enterprise';

export interface TierLimits {
  /** Messages one WhatsApp user may have checked per minute and per day. */
  userPerMinute: number;
  userPerDay: number;
  /** Messages the whole tenant may have checked per minute. */
  tenantPerMinute: number;
}

export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  free: { userPerMinute: 5, userPerDay: 50, tenantPerMinute: 600 },
  standard: { userPerMinute: 10, userPerDay: 300, tenantPerMinute: 6_000 },
  enterprise: { userPerMinute: 30, userPerDay: 2_000, tenantPerMinute: 120_000 },
};

export function limitsForTier(tier: string): TierLimits {
  return TIER_LIMITS[tier as Tier] ?? TIER_LIMITS.free;
}
