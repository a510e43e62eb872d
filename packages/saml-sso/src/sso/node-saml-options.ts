import { ValidateInResponseTo, type CacheProvider, type SamlConfig } from '@node-saml/passport-saml';
import { NAME_ID_FORMATS, type TenantSamlConfig } from '../config/saml-config.types.ts';
import type { SpEndpoints } from '../sp/sp-endpoints.ts';

export interface NodeSamlOptionsInput {
  tenant: TenantSamlConfig;
  endpoints: SpEndpoints;
  cacheProvider: CacheProvider;
  requestTtlMs: number;
  generateUniqueId?: () => string;
}

/**
 * node-saml configured for one tenant. Everything that decides trust comes from that tenant only:
 * its IdP certificates, its SP entity ID as the audience, its request-id cache. Both the response
 * and the assertion must be signed. RequestedAuthnContext is not sent: the IdP's own policy
 * (MFA, Windows integrated auth) decides how users authenticate, and pinning
 * PasswordProtectedTransport makes ADFS and Entra ID refuse MFA logins.
 */
export function nodeSamlOptions({
  tenant,
  endpoints,
  cacheProvider,
  requestTtlMs,
  generateUniqueId,
}: NodeSamlOptionsInput): SamlConfig {
  return {
    entryPoint: tenant.idp.ssoUrl,
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    audience: endpoints.entityId,
    idpCert: [...tenant.idp.certificates],
    idpIssuer: tenant.idp.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: requestTtlMs,
    cacheProvider,
    acceptedClockSkewMs: tenant.clockSkewSeconds * 1000,
    maxAssertionAgeMs: tenant.maxAssertionAgeSeconds * 1000,
    identifierFormat: NAME_ID_FORMATS[tenant.nameIdFormat],
    disableRequestedAuthnContext: true,
    authnRequestBinding: tenant.idp.ssoBinding,
    // HTTP-Redirect DEFLATEs the request; HTTP-POST carries it as plain base64 (SAML bindings 3.5.4).
    skipRequestCompression: tenant.idp.ssoBinding === 'HTTP-POST',
    ...(generateUniqueId ? { generateUniqueId } : {}),
  };
}
