import { SamlConfigError } from '../config/saml-config-error.ts';
import { parseWebUrl } from '../config/urls.ts';

/** The SP's identity for one tenant. */
export interface SpEndpoints {
  /** SP entity ID; also the Audience every assertion must name. Served as the SP metadata URL. */
  entityId: string;
  /** Assertion Consumer Service: the only Destination and Recipient accepted. */
  acsUrl: string;
  /** Where the lead's route starts a login (informational; nothing is validated against it). */
  loginUrl: string;
}

/**
 * Normalises the public base URL (https, or http on loopback; no query, no fragment) and drops a
 * trailing slash. Throws `SamlConfigError` (field `publicBaseUrl`).
 */
export function normalizePublicBaseUrl(publicBaseUrl: string): string {
  const url = new URL(parseWebUrl(publicBaseUrl, 'publicBaseUrl'));
  if (url.search) throw new SamlConfigError('invalid_field', 'must not have a query string', 'publicBaseUrl');
  return url.toString().replace(/\/+$/, '');
}

/**
 * Per tenant, everything is derived from the slug: a response is checked against the endpoints of
 * the slug in the URL it was posted to, so it can only ever log into that tenant.
 */
export function spEndpoints(normalizedBaseUrl: string, slug: string): SpEndpoints {
  const root = `${normalizedBaseUrl}/api/v1/sso/${encodeURIComponent(slug)}`;
  return { entityId: `${root}/metadata`, acsUrl: `${root}/acs`, loginUrl: `${root}/login` };
}
