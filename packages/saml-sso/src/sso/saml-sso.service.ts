import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createLoginRequests, type LoginStart } from '../sp/login-request.ts';
import { normalizePublicBaseUrl, spEndpoints, type SpEndpoints } from '../sp/sp-endpoints.ts';
import { buildSpMetadataXml } from '../sp/sp-metadata.ts';
import { createAssertionReplayCache } from './assertion-replay-cache.ts';
import type { SamlRedis } from './request-id-cache.ts';
import {
  createResponseValidator,
  RESPONSE_XML_LIMITS,
  type SamlLoginResult,
  type ValidateOptions,
} from './response-validator.ts';

export interface SamlSsoDeps {
  redis: SamlRedis;
  /** Prefix of every Redis key (e.g. `REDIS_KEY_PREFIX`). */
  keyPrefix: string;
  /** The public URL of the API (`PUBLIC_BASE_URL`); SP entity IDs and ACS URLs hang off it. */
  publicBaseUrl: string;
  /** How long a started login may take at the IdP. Default 600 s. */
  requestTtlSeconds?: number;
  /** Largest decoded SAMLResponse accepted. Default 256 KiB. */
  maxResponseBytes?: number;
}

export const DEFAULT_REQUEST_TTL_SECONDS = 600;
export const DEFAULT_MAX_RESPONSE_BYTES = RESPONSE_XML_LIMITS.maxBytes;

/**
 * Per-tenant SAML 2.0 SSO. Tenants are passed in as validated configurations
 * (`parseTenantSamlConfig`); the tenant is always the one named by the URL the request came to.
 */
export function createSamlSso(deps: SamlSsoDeps) {
  const baseUrl = normalizePublicBaseUrl(deps.publicBaseUrl);
  const requestTtlMs = (deps.requestTtlSeconds ?? DEFAULT_REQUEST_TTL_SECONDS) * 1000;
  const maxResponseBytes = deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const logins = createLoginRequests({ redis: deps.redis, keyPrefix: deps.keyPrefix, requestTtlMs });
  const validator = createResponseValidator({
    redis: deps.redis,
    keyPrefix: deps.keyPrefix,
    requestTtlMs,
    maxResponseBytes,
    replayCache: createAssertionReplayCache({ redis: deps.redis, keyPrefix: deps.keyPrefix }),
  });
  const endpoints = (tenant: TenantSamlConfig): SpEndpoints => spEndpoints(baseUrl, tenant.slug);

  return {
    /** The tenant's SP entity ID, ACS URL and login URL. */
    endpoints,

    /** SP metadata XML to hand to the tenant's IdP admin. */
    spMetadata(tenant: TenantSamlConfig): string {
      return buildSpMetadataXml(tenant, endpoints(tenant));
    },

    /** Starts a login: an AuthnRequest whose id is remembered (per tenant) for `requestTtlSeconds`. */
    startLogin(tenant: TenantSamlConfig, relayState?: string): Promise<LoginStart> {
      return logins.start(tenant, endpoints(tenant), relayState);
    },

    /**
     * Validates a base64 SAMLResponse posted to this tenant's ACS URL. Resolves to the login, or
     * rejects with `SamlRejected` (a machine `code`, never response text in the message).
     */
    validateResponse(
      tenant: TenantSamlConfig,
      samlResponse: string,
      options?: ValidateOptions,
    ): Promise<SamlLoginResult> {
      return validator.validate(tenant, endpoints(tenant), samlResponse, options);
    },
  };
}

export type SamlSso = ReturnType<typeof createSamlSso>;

export type { LoginStart, PostLoginStart, RedirectLoginStart } from '../sp/login-request.ts';
export type { SpEndpoints } from '../sp/sp-endpoints.ts';
export type { SamlLoginResult, ValidateOptions } from './response-validator.ts';
export { SAML_REJECTION_CODES, SamlRejected, type SamlRejectionCode } from './saml-rejected.ts';
