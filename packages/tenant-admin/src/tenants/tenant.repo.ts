import type { Pool } from '@elara/db/pool';
import type { TenantTx } from '@elara/db/tenant';
import { inTransaction } from '@elara/db/transaction';

/** A tenant row as the admin services read it (settings included). */
export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  tier: string;
  status: 'active' | 'suspended';
  default_language: string;
  brand_domains: string[];
  sso_only: boolean;
  reply_style: string;
  created_at: Date;
}

/** The tenant directory's rows (`list_tenants`): metadata only. */
export type TenantDirectoryRow = Pick<TenantRow, 'id' | 'slug' | 'name' | 'tier' | 'status' | 'created_at'>;

const COLUMNS =
  'id, slug, name, tier, status, default_language, brand_domains, sso_only, reply_style, created_at';

/** The tenant of the current context, if it is `id` (RLS shows no other). `lock` for a change. */
export async function findTenant(tx: TenantTx, id: string, lock = false): Promise<TenantRow | null> {
  const { rows } = await tx.query<TenantRow>(
    `SELECT ${COLUMNS} FROM tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export interface TenantChanges {
  name?: string;
  tier?: string;
  status?: 'active' | 'suspended';
  default_language?: string;
  brand_domains?: string[];
  sso_only?: boolean;
  reply_style?: string;
}

const CHANGEABLE = new Set<string>([
  'name',
  'tier',
  'status',
  'default_language',
  'brand_domains',
  'sso_only',
  'reply_style',
]);

export async function updateTenant(tx: TenantTx, id: string, changes: TenantChanges): Promise<TenantRow> {
  const entries = Object.entries(changes).filter(([column, value]) => {
    // Column names come from this whitelist only, never from input.
    if (!CHANGEABLE.has(column)) throw new Error(`not a changeable tenant column: ${column}`);
    return value !== undefined;
  });
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const { rows } = await tx.query<TenantRow>(
    `UPDATE tenants SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...entries.map(([, value]) => value)],
  );
  const row = rows[0];
  if (!row) throw new Error('tenant row vanished inside its own locked transaction');
  return row;
}

/**
 * One page of every tenant, by slug, through `list_tenants` (the proposed migration in
 * migration 009), which answers only in the platform context.
 */
export async function listTenantDirectory(
  pool: Pool,
  page: { afterSlug: string | null; limit: number; status: string | null },
): Promise<TenantDirectoryRow[]> {
  return inTransaction(pool, `BEGIN; SELECT set_config('app.platform', 'on', true)`, async (tx) => {
    const { rows } = await tx.query<TenantDirectoryRow>('SELECT * FROM list_tenants($1, $2, $3)', [
      page.afterSlug,
      page.limit,
      page.status,
    ]);
    return rows;
  });
}
