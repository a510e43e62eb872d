import type { Pool } from '@elara/db/pool';
import { assertTenantId, type TenantTx } from '@elara/db/tenant';
import { inTransaction } from '@elara/db/transaction';
import { PLATFORM_CHAIN, type AuditChainId } from './audit-log.types.ts';

export interface ChainScopeOptions {
  /** One REPEATABLE READ, READ ONLY snapshot for every statement (the verifier's consistent view). */
  snapshot?: boolean;
}

/**
 * Runs `work` in one transaction in the chain's own context, where row-level security shows that
 * chain and nothing else: the tenant's (as `withTenant` sets it), or for 'platform' the platform
 * context of migration 006 (`app.platform = 'on'`, no tenant, as `withPlatform` in
 * @elara/identity sets it). `chain` must already be normalised (see normalizeChainId).
 */
export function withChainScope<T>(
  pool: Pool,
  chain: AuditChainId,
  work: (tx: TenantTx) => Promise<T>,
  options: ChainScopeOptions = {},
): Promise<T> {
  const begin = options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' : 'BEGIN';
  // The id is validated as a UUID, so inlining it is safe (one round trip, as in withTenant).
  const setting =
    chain === PLATFORM_CHAIN
      ? `set_config('app.platform', 'on', true)`
      : `set_config('app.tenant_id', '${assertTenantId(chain)}', true)`;
  return inTransaction(pool, `${begin}; SELECT ${setting}`, work);
}
