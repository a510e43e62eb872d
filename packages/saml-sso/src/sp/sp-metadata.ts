import { generateServiceProviderMetadata } from '@node-saml/passport-saml';
import { NAME_ID_FORMATS, type TenantSamlConfig } from '../config/saml-config.types.ts';
import type { SpEndpoints } from './sp-endpoints.ts';

/**
 * SP metadata for a tenant's IdP admin: entity ID, the HTTP-POST ACS, the NameID format, and
 * WantAssertionsSigned. AuthnRequests are not signed (the SP holds no key), so none is published.
 */
export function buildSpMetadataXml(tenant: TenantSamlConfig, endpoints: SpEndpoints): string {
  return generateServiceProviderMetadata({
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    identifierFormat: NAME_ID_FORMATS[tenant.nameIdFormat],
    wantAssertionsSigned: true,
  });
}
