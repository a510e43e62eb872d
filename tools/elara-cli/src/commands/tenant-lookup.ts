import type { Pool } from '@elara/db/pool';
import { resolveTenantSlug } from '@elara/identity/directory';

/** A tenant's id from its slug, through the narrow directory lookup; a clear error when unknown. */
export async function resolveTenantId(pool: Pool, slug: string): Promise<string> {
  const tenant = await resolveTenantSlug(pool, slug);
  if (!tenant) throw new Error(`no tenant with slug "${slug}"`);
  return tenant.tenantId;
}
