import type { TenantTx } from '@elara/db/tenant';

/** The stored SAML configuration input of the tenant in context (migration 008), or null. */
export async function readSsoConfig(
  tx: TenantTx,
  tenantId: string,
): Promise<{ config: unknown; enabled: boolean } | null> {
  const { rows } = await tx.query<{ config: unknown; enabled: boolean }>(
    'SELECT config, enabled FROM tenant_sso_configs WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0] ?? null;
}

export async function writeSsoConfig(
  tx: TenantTx,
  tenantId: string,
  config: unknown,
  enabled: boolean,
): Promise<void> {
  await tx.query(
    `INSERT INTO tenant_sso_configs (tenant_id, config, enabled) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET config = EXCLUDED.config, enabled = EXCLUDED.enabled, updated_at = now()`,
    [tenantId, JSON.stringify(config), enabled],
  );
}
