import express, { type Router } from 'express';
import type { Pool } from '@elara/db/pool';
import type { PrismaClient } from '@elara/db/prisma';
import type { Producer } from '@elara/queue/queues';
import type { SecretBox } from '@elara/secrets/secret-box';
import { createTenantAdmin } from '@elara/tenant-admin/service';
import type { Logger } from '@elara/logger/logger';
import { createAuditLog } from '@elara/audit-log/service';
import { createAccessTokens } from '@elara/identity/access-tokens';
import { createAccountService } from '@elara/identity/accounts';
import { createApiKeyService } from '@elara/identity/api-keys';
import { createLoginThrottle } from '@elara/identity/login-throttle';
import { createPasswordHasher } from '@elara/identity/passwords';
import { createSessionService } from '@elara/identity/sessions';
import { resolveTenantSlug } from '@elara/identity/directory';
import { createSigningKeys } from '@elara/identity/signing-keys';
import { API_KEY_SCOPE_NAMES } from '@elara/access-control/scopes';
import { createApiKeyAdmin } from '@elara/tenant-admin/api-keys';
import { createAuditViewer } from '@elara/tenant-admin/audit';
import { createStaffService } from '@elara/tenant-admin/staff';
import { createSsoConfigService } from '@elara/tenant-admin/sso-config';
import { createSsoLoginService } from '@elara/tenant-admin/sso-login';
import { createSamlSso } from '@elara/saml-sso/sso';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '../api.config.ts';
import { mapAdminError } from './admin-errors.ts';
import { createApiRouter } from './api-router.ts';
import { createRequestAuthenticator } from './request-actor.ts';
import { apiKeyRoutes } from './routes/api-keys.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { ssoConfigRoutes } from './routes/sso-config.routes.ts';
import { ssoRoutes } from './routes/sso.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';
import { senderRoutes, settingsRoutes, traffic, urlRuleRoutes } from './routes/tenant-resources.routes.ts';
import { tenantRoutes } from './routes/tenants.routes.ts';

export interface AdminApiDeps {
  config: ApiConfig;
  pool: Pool;
  /** For the services that write through Prisma (tenant onboarding). */
  prisma: PrismaClient;
  secretBox: SecretBox;
  /** Re-drives dead letters onto the message queue. */
  producer: Producer<'whatsapp-inbound'>;
  /** Commands only (login throttling); not the BullMQ connection. */
  redis: Redis;
  logger: Logger;
  reportError?: (error: unknown, context: { route: string }) => void;
}

/** The admin API (`/api/v1`): identity, permissions and the audit log wired to declared routes. */
export function createAdminApi({
  config,
  pool,
  prisma,
  secretBox,
  producer,
  redis,
  logger,
  reportError,
}: AdminApiDeps): Router {
  const passwords = createPasswordHasher();
  const keys = createSigningKeys({
    privateKey: config.AUTH_JWT_PRIVATE_KEY,
    previousPublicKeys: config.AUTH_JWT_PREVIOUS_PUBLIC_KEYS,
  });
  const accessTokens = createAccessTokens({
    keys,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    ttlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
  });
  const throttle = createLoginThrottle(redis, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    maxPerAccount: config.AUTH_LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
    maxPerIp: config.AUTH_LOGIN_MAX_ATTEMPTS_PER_IP,
    windowSeconds: config.AUTH_LOGIN_WINDOW_SECONDS,
  });
  const sessions = createSessionService({
    pool,
    passwords,
    throttle,
    accessTokens,
    refreshIdleSeconds: config.AUTH_REFRESH_IDLE_SECONDS,
    refreshAbsoluteSeconds: config.AUTH_REFRESH_ABSOLUTE_SECONDS,
  });
  const accounts = createAccountService({ pool, passwords });
  const apiKeys = createApiKeyService({
    pool,
    pepper: config.AUTH_API_KEY_PEPPER,
    allowedScopes: API_KEY_SCOPE_NAMES,
  });
  const auditLog = createAuditLog({ pool });
  const saml = createSamlSso({
    redis,
    keyPrefix: config.REDIS_KEY_PREFIX,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });
  const admin = createTenantAdmin({ pool, prisma, secretBox, audit: auditLog, producer });
  const routes = [
    ...authRoutes({
      sessions,
      accessTokens,
      audit: auditLog,
      tenantIdOf: async (slug) => (await resolveTenantSlug(pool, slug))?.tenantId ?? null,
    }),
    ...tenantRoutes({ admin }),
    ...settingsRoutes({ admin }),
    ...senderRoutes({ admin }),
    ...urlRuleRoutes({ admin }),
    ...traffic({ admin }),
    ...staffRoutes({ staff: createStaffService({ accounts, audit: auditLog }) }),
    ...apiKeyRoutes({ apiKeys: createApiKeyAdmin({ apiKeys, audit: auditLog }) }),
    ...auditRoutes({ audit: createAuditViewer({ auditLog }) }),
    ...ssoConfigRoutes({ ssoConfig: createSsoConfigService({ pool, saml, audit: auditLog }) }),
  ];
  const router = express.Router();
  router.use(
    ssoRoutes({
      sso: createSsoLoginService({ pool, saml, accounts, sessions, audit: auditLog }),
      logger,
      secureCookies: config.PUBLIC_BASE_URL.startsWith('https:'),
    }),
  );
  router.use(
    createApiRouter({
      routes,
      authenticate: createRequestAuthenticator({ accessTokens, apiKeys }),
      mapError: mapAdminError,
      logger,
      version: config.SERVICE_VERSION,
      reportError,
    }),
  );
  return router;
}
