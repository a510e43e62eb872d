import type { Pool } from '@elara/db/pool';
import type { TenantUrlLists } from '@elara/detection/types';

interface RuleRow {
  tenant_id: string;
  list: 'allow' | 'block';
  domain: string;
}

/** The allow and block lists of several tenants in one round trip (migration 005). */
export async function loadTenantUrlLists(
  pool: Pool,
  tenantIds: readonly string[],
): Promise<Map<string, TenantUrlLists>> {
  const lists = new Map<string, { allow: string[]; block: string[] }>();
  for (const tenantId of tenantIds) lists.set(tenantId, { allow: [], block: [] });
  const { rows } = await pool.query<RuleRow>({
    name: 'detection.tenant_url_rules',
    text: 'SELECT * FROM load_tenant_url_rules($1)',
    values: [tenantIds],
  });
  for (const row of rows) lists.get(row.tenant_id)?.[row.list].push(row.domain);
  return lists;
}
