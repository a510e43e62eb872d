import { SamlConfigError } from './saml-config-error.ts';

const MAX_URL_CHARS = 2048;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An absolute https URL (http only on a loopback host, for local development), without
 * credentials or fragment. Returns the URL as `URL` serialises it.
 */
export function parseWebUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_CHARS) {
    throw new SamlConfigError('invalid_field', 'URL must be a non-empty string', field);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SamlConfigError('invalid_field', 'URL is not absolute', field);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) throw new SamlConfigError('invalid_field', 'URL must use https', field);
  if (url.username || url.password || url.hash) {
    throw new SamlConfigError('invalid_field', 'URL must not carry credentials or a fragment', field);
  }
  return url.toString();
}
