import { randomBytes } from 'node:crypto';
import { SAML } from '@node-saml/passport-saml';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { nodeSamlOptions } from '../sso/node-saml-options.ts';
import { createRequestIdCache, type SamlRedis } from '../sso/request-id-cache.ts';
import type { SpEndpoints } from './sp-endpoints.ts';

/** Send the browser to `url` (HTTP-Redirect binding). */
export interface RedirectLoginStart {
  binding: 'HTTP-Redirect';
  requestId: string;
  url: string;
}

/** Render an auto-submitting form posting `fields` to `action` (HTTP-POST binding). */
export interface PostLoginStart {
  binding: 'HTTP-POST';
  requestId: string;
  action: string;
  fields: Readonly<Record<string, string>>;
}

export type LoginStart = RedirectLoginStart | PostLoginStart;

export interface LoginRequestDeps {
  redis: SamlRedis;
  keyPrefix: string;
  requestTtlMs: number;
}

const MAX_RELAY_STATE_BYTES = 80; // SAML bindings 3.4.3 / 3.5.3

/**
 * Builds the AuthnRequest for a tenant and records its id in Redis (per tenant, for
 * `requestTtlMs`), so the response must answer a request we made, from this tenant.
 */
export function createLoginRequests({ redis, keyPrefix, requestTtlMs }: LoginRequestDeps) {
  return {
    async start(tenant: TenantSamlConfig, endpoints: SpEndpoints, relayState?: string): Promise<LoginStart> {
      assertRelayState(relayState);
      const requestId = `_${randomBytes(20).toString('hex')}`;
      const cacheProvider = createRequestIdCache({
        redis,
        keyPrefix,
        tenantId: tenant.tenantId,
        ttlMs: requestTtlMs,
      });
      const saml = new SAML(
        nodeSamlOptions({
          tenant,
          endpoints,
          cacheProvider,
          requestTtlMs,
          generateUniqueId: () => requestId,
        }),
      );
      if (tenant.idp.ssoBinding === 'HTTP-Redirect') {
        const url = await saml.getAuthorizeUrlAsync(relayState ?? '', undefined, {});
        return { binding: 'HTTP-Redirect', requestId, url };
      }
      const message = await saml.getAuthorizeMessageAsync(relayState ?? '', undefined, {});
      const fields = Object.fromEntries(
        Object.entries(message).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
        ),
      );
      return { binding: 'HTTP-POST', requestId, action: tenant.idp.ssoUrl, fields };
    },
  };
}

export type LoginRequests = ReturnType<typeof createLoginRequests>;

/** RelayState is opaque to us and echoed by the IdP: short, printable ASCII only. */
function assertRelayState(relayState: string | undefined): void {
  if (relayState === undefined) return;
  if (relayState.length > MAX_RELAY_STATE_BYTES || !/^[\x20-\x7e]*$/.test(relayState)) {
    throw new RangeError(`relayState must be at most ${MAX_RELAY_STATE_BYTES} printable ASCII characters`);
  }
}
