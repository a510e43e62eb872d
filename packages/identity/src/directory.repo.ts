import type { Pool } from '@elara/db/pool';

/*
 * The cross-tenant lookups of identity (SECURITY DEFINER functions of migration 006). Each takes one
 * exact key and answers only which context to open; everything else runs under row-level security.
 */

export interface TenantLogin {
  tenantId: string;
  status: string;
  ssoOnly: boolean;
}

/** The tenant with this slug, for password login; null when there is none. */
export async function resolveTenantSlug(pool: Pool, slug: string): Promise<TenantLogin | null> {
  const { rows } = await pool.query<{ tenant_id: string; status: string; sso_only: boolean }>(
    'SELECT tenant_id, status, sso_only FROM resolve_tenant_slug($1)',
    [slug],
  );
  const row = rows[0];
  return row ? { tenantId: row.tenant_id, status: row.status, ssoOnly: row.sso_only } : null;
}

/** Where a token or key lives: a tenant, the platform (refresh tokens only), or nowhere. */
export type Owner = { kind: 'tenant'; tenantId: string } | { kind: 'platform' } | null;

export async function resolveRefreshTokenOwner(pool: Pool, tokenId: string): Promise<Owner> {
  const { rows } = await pool.query<{ tenant_id: string | null }>(
    'SELECT tenant_id FROM resolve_refresh_token($1)',
    [tokenId],
  );
  const row = rows[0];
  if (!row) return null;
  return row.tenant_id ? { kind: 'tenant', tenantId: row.tenant_id } : { kind: 'platform' };
}

export async function resolveApiKeyTenant(pool: Pool, keyId: string): Promise<string | null> {
  const { rows } = await pool.query<{ tenant_id: string }>('SELECT tenant_id FROM resolve_api_key($1)', [
    keyId,
  ]);
  return rows[0]?.tenant_id ?? null;
}
