import type { Pool, PoolClient } from './pool.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A database client inside one transaction scoped to one tenant. */
export type TenantTx = Pick<PoolClient, 'query'>;

export function assertTenantId(tenantId: string): string {
  if (!UUID.test(tenantId)) throw new Error('tenant id must be a UUID');
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
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    // A connection that could not roll back is discarded rather than returned to the pool.
    client.release(broken);
  }
}
