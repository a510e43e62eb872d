import type { TenantTx } from '@elara/db/tenant';

export interface UrlRuleRow {
  tenant_id: string;
  id: string;
  list: 'allow' | 'block';
  domain: string;
  note: string | null;
  created_at: Date;
}

/** The rule for one (normalised) domain, read in the tenant's context. */
export async function findUrlRuleByDomain(tx: TenantTx, tenantId: string, domain: string) {
  const { rows } = await tx.query<UrlRuleRow>(
    `SELECT tenant_id, id, list, domain, note, created_at FROM tenant_url_rules
      WHERE tenant_id = $1 AND domain = $2`,
    [tenantId, domain],
  );
  return rows[0] ?? null;
}
