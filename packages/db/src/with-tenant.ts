import { inTransaction } from './in-transaction.ts';
import type { Pool, PoolClient } from './pool.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A database client inside one transaction scoped to one tenant. */
export type TenantTx = Pick<PoolClient, 'query'>;

/** A UUID in any case (what Postgres accepts as `uuid`): tenant ids and other row ids. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function assertTenantId(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error('tenant id must be a UUID');
  return tenantId;
}

/**
 * Runs `work` in one transaction whose tenant is `tenantId`; row-level security does the rest.
 * The setting is transaction-local, so a pooled connection never carries it to the next user.
 * BEGIN and set_config go in one round trip: the id is validated as a UUID, so inlining it is safe.
 */
export async function withTenant<T>(
  pool: Pool,
  tenantId: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  assertTenantId(tenantId);
  return inTransaction(pool, `BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`, work);
}
