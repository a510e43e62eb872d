import type { ActorContext } from '@elara/access-control/actor';
import { assertCan } from '@elara/access-control/guards';
import { asSubject, type AppAbility } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { parseTenantSamlConfig } from '@elara/saml-sso/config';
import type { SamlSso } from '@elara/saml-sso/sso';
import { tenantOf, withAudit, type AuditRecorder } from '../audit-recording.ts';
import { readSsoConfig, writeSsoConfig } from './sso-config.repo.ts';

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
export function createSsoConfigService(deps: {
  pool: Pool;
  saml: SamlSso;
  audit: AuditRecorder;
  slugOf: (tenantId: string) => Promise<string>;
}) {
  const { pool, saml, audit } = deps;
  return {
    async get(actor: ActorContext, ability: AppAbility): Promise<SsoConfigView | null> {
      const tenantId = tenantOf(actor);
      assertCan(ability, 'read', asSubject('TenantSettings', { tenantId }), 'sso');
      const stored = await withTenant(pool, tenantId, (tx) => readSsoConfig(tx, tenantId));
      if (!stored) return null;
      const parsed = parseTenantSamlConfig({
        ...(stored.config as object),
        tenantId,
        slug: await deps.slugOf(tenantId),
      });
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
        const slug = await deps.slugOf(tenantId);
        // Throws SamlConfigError (400) with the field at fault.
        const parsed = parseTenantSamlConfig({ ...input.config, tenantId, slug });
        await withTenant(pool, tenantId, (tx) => writeSsoConfig(tx, tenantId, input.config, input.enabled));
        return { enabled: input.enabled, config: input.config, serviceProvider: saml.endpoints(parsed) };
      });
    },
  };
}

export type SsoConfigService = ReturnType<typeof createSsoConfigService>;
