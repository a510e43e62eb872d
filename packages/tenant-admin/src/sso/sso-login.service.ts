import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { AccountService } from '@elara/identity/accounts';
import { resolveTenantSlug } from '@elara/identity/directory';
import { IdentityNotFound } from '@elara/identity/errors';
import type { SessionService, SessionTokens } from '@elara/identity/sessions';
import { parseTenantSamlConfig } from '@elara/saml-sso/config';
import { SamlRejected, type LoginStart, type SamlSso } from '@elara/saml-sso/sso';
import type { AuditRecorder } from '../audit-recording.ts';
import { readSsoConfig } from './sso-config.repo.ts';

/** No such tenant, or SSO not set up or disabled for it: answered 404 whatever the reason. */
export class SsoNotAvailable extends Error {
  override name = 'SsoNotAvailable';
  readonly status = 404;
  readonly code = 'not_found';
  constructor() {
    super('single sign-on is not available for this tenant');
  }
}

/**
 * The user's identity at their IdP, unique per tenant: issuer and NameID together, so two IdPs
 * (or a reconfigured one) can never claim the same account, and an e-mail change at the IdP does
 * not move a login to another person.
 */
function ssoSubjectOf(issuer: string, nameId: string): string {
  return `${issuer}|${nameId}`;
}

/**
 * SAML sign-in for a tenant's console: the tenant is the one in the URL (its slug); the response
 * is validated against that tenant's IdP only; the user is created just in time or updated with
 * the role the IdP's groups map to; then a normal session starts.
 */
export function createSsoLoginService(deps: {
  pool: Pool;
  saml: SamlSso;
  accounts: AccountService;
  sessions: SessionService;
  audit: AuditRecorder;
}) {
  const { pool, saml, accounts, sessions, audit } = deps;

  async function tenantConfig(slug: string) {
    const tenant = await resolveTenantSlug(pool, slug);
    if (!tenant || tenant.status !== 'active') throw new SsoNotAvailable();
    const stored = await withTenant(pool, tenant.tenantId, (tx) => readSsoConfig(tx, tenant.tenantId));
    if (!stored?.enabled) throw new SsoNotAvailable();
    return parseTenantSamlConfig({ ...(stored.config as object), tenantId: tenant.tenantId, slug });
  }

  async function upsertUser(
    tenantId: string,
    login: { issuer: string; nameId: string; email: string; displayName: string | null; role: string },
  ) {
    const subject = ssoSubjectOf(login.issuer, login.nameId);
    const role = login.role as 'owner' | 'admin' | 'analyst' | 'viewer';
    const existing = await accounts.findUserBySsoSubject(tenantId, subject);
    if (!existing) {
      await accounts.createUser({
        tenantId,
        email: login.email,
        displayName: login.displayName ?? login.email,
        role,
        ssoSubject: subject,
      });
    } else if (existing.role !== role) {
      await accounts.updateUser(tenantId, existing.id, { role });
    }
    return subject;
  }

  return {
    async metadata(slug: string): Promise<string> {
      return saml.spMetadata(await tenantConfig(slug));
    },

    async start(slug: string, relayState?: string): Promise<LoginStart> {
      return saml.startLogin(await tenantConfig(slug), relayState);
    },

    /** Validates the IdP's POST to this tenant's ACS and starts a session; audited either way. */
    async complete(
      slug: string,
      samlResponse: string,
      meta: { expectedRequestId?: string; ip?: string; userAgent?: string },
    ): Promise<SessionTokens> {
      const config = await tenantConfig(slug);
      const base = {
        tenantId: config.tenantId,
        sourceIp: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
      };
      try {
        const login = await saml.validateResponse(
          config,
          samlResponse,
          meta.expectedRequestId ? { expectedRequestId: meta.expectedRequestId } : {},
        );
        const subject = await upsertUser(config.tenantId, login);
        const tokens = await sessions.startSsoSession({ tenantId: config.tenantId, ssoSubject: subject });
        await audit.record({
          ...base,
          actor: {
            type: 'user',
            id: tokens.subject.kind === 'tenant_user' ? tokens.subject.userId : null,
            display: login.email,
          },
          action: 'session.sso_login',
          outcome: 'success',
        });
        return tokens;
      } catch (error) {
        const reason =
          error instanceof SamlRejected
            ? error.code
            : error instanceof IdentityNotFound
              ? 'unknown_user'
              : 'error';
        await audit.record({
          ...base,
          actor: { type: 'system', display: 'saml' },
          action: 'session.sso_login',
          outcome: 'denied',
          details: { reason },
        });
        throw error;
      }
    },
  };
}

export type SsoLoginService = ReturnType<typeof createSsoLoginService>;
