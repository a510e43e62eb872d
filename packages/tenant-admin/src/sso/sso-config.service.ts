import type { ActorContext } from '@elara/access-control/actor';
import { assertCan } from '@elara/access-control/guards';
import { asSubject, type AppAbility } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant, type TenantTx } from '@elara/db/tenant';
import { parseTenantSamlConfig } from '@elara/saml-sso/config';
import type { SamlSso } from '@elara/saml-sso/sso';
import { tenantOf, withAudit, type AuditRecorder } from '../audit-recording.ts';
import { findTenant } from '../tenants/tenant.repo.ts';
import { readSsoConfig, writeSsoConfig } from './sso-config.repo.ts';

/** The tenant's slug, read in its own context: the SP entity ID and ACS URL are derived from it. */
async function slugOf(tx: TenantTx, tenantId: string): Promise<string> {
  const tenant = await findTenant(tx, tenantId);
  if (!tenant) throw new Error('tenant not found in its own context');
  return tenant.slug;
}

/** What the API shows of a tenant's SSO set-up: the IdP and mappings, and our SP endpoints. */
export interface SsoConfigView {
  enabled: boolean;
  config: unknown;
  serviceProvider: { entityId: string; acsUrl: string; loginUrl: string };
}

/**
 * A tenant's SAML set-up: validated (`parseTenantSamlConfig`) before it is saved, so a broken or
 * unsafe configuration never reaches a login. Reading and changing it is the `sso` field of
 * TenantSettings, which only owners may change.
 */
export function createSsoConfigService(deps: { pool: Pool; saml: SamlSso; audit: AuditRecorder }) {
  const { pool, saml, audit } = deps;
  return {
    async get(actor: ActorContext, ability: AppAbility): Promise<SsoConfigView | null> {
      const tenantId = tenantOf(actor);
      assertCan(ability, 'read', asSubject('TenantSettings', { tenantId }), 'sso');
      const found = await withTenant(pool, tenantId, async (tx) => {
        const stored = await readSsoConfig(tx, tenantId);
        return stored ? { stored, slug: await slugOf(tx, tenantId) } : null;
      });
      if (!found) return null;
      const { stored, slug } = found;
      const parsed = parseTenantSamlConfig({ ...(stored.config as object), tenantId, slug });
      return { enabled: stored.enabled, config: stored.config, serviceProvider: saml.endpoints(parsed) };
    },

    async put(
      actor: ActorContext,
      ability: AppAbility,
      input: { config: Record<string, unknown>; enabled: boolean },
    ) {
      const tenantId = tenantOf(actor);
      return withAudit(audit, actor, 'sso_config.update', { type: 'tenant', id: tenantId }, async () => {
        assertCan(ability, 'update', asSubject('TenantSettings', { tenantId }), 'sso');
        // Validated and saved in one transaction; throws SamlConfigError (400) with the field at fault.
        const parsed = await withTenant(pool, tenantId, async (tx) => {
          const checked = parseTenantSamlConfig({
            ...input.config,
            tenantId,
            slug: await slugOf(tx, tenantId),
          });
          await writeSsoConfig(tx, tenantId, input.config, input.enabled);
          return checked;
        });
        return { enabled: input.enabled, config: input.config, serviceProvider: saml.endpoints(parsed) };
      });
    },
  };
}

export type SsoConfigService = ReturnType<typeof createSsoConfigService>;
