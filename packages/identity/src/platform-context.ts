import type { Pool } from '@elara/db/pool';
import type { TenantTx } from '@elara/db/tenant';
import { inTransaction } from '@elara/db/transaction';

/**
 * Runs `work` in one transaction in the platform context (`app.platform = 'on'`, transaction-local,
 * no tenant set): it sees `platform_admins` and platform admins' refresh tokens, and no tenant's
 * rows. Only the operators' login and session paths use it; tenant paths use `withTenant`, which
 * never sets `app.platform`, so row-level security keeps platform rows out of every tenant context.
 */
export async function withPlatform<T>(pool: Pool, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return inTransaction(pool, `BEGIN; SELECT set_config('app.platform', 'on', true)`, work);
}
