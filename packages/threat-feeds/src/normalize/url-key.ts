import type { RejectReason } from '../feed.types.ts';
import { hostProblem, withoutWww } from './host-name.ts';
import { refang } from './refang.ts';

/** Longest URL (and URL key) kept: longer ones are nearly always junk, and keys live in a btree. */
export const MAX_URL_LENGTH = 2_048;

const HAS_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;
const HTTP_SCHEME = /^https?:/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The key two URLs share when a feed means the same resource: host without a leading `www.`
 * subdomain (`bareHost`, see `withoutWww`), the port unless 80 or 443, the path without trailing
 * slashes, and the query as written. Scheme, user info and fragment are left out.
 */
export function urlKey(url: URL, bareHost: string): string {
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = url.pathname.replace(/\/+$/, '');
  return `${bareHost}${port}${path}${url.search}`;
}

/** The URL's host without a trailing dot (already lowercase ASCII: WHATWG URL converts IDN). */
export function hostnameOf(url: URL): string {
  return url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
}

/** Parses with WHATWG URL (IDN to punycode, lowercase host, dot segments, IPv4 forms) or null. */
export function parseHttpUrl(text: string): URL | 'unsupported-scheme' | null {
  let withScheme = text;
  if (!HAS_AUTHORITY.test(text)) {
    const scheme = ANY_SCHEME.exec(text);
    // "mailto:x", "javascript:x" are schemes; "evil.example:8080/x" is a host and a port.
    if (scheme && !HTTP_SCHEME.test(text) && !/^\d/.test(text.slice(scheme[0].length)))
      return 'unsupported-scheme';
    if (!HTTP_SCHEME.test(text)) withScheme = `http://${text}`;
  } else if (!HTTP_SCHEME.test(text)) {
    return 'unsupported-scheme';
  }
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : 'unsupported-scheme';
  } catch {
    return null;
  }
}

export type NormalizedUrl = { key: string; host: string } | { reason: RejectReason };

/**
 * A feed's URL as an entry: refanged, http(s) only (a URL without a scheme is taken as http),
 * with a host that is an IP or a plausible domain (see `hostProblem`). Returns its key (see
 * `urlKey`) and its ASCII host, or why it was rejected.
 */
export function normalizeFeedUrl(raw: string): NormalizedUrl {
  const text = refang(raw.trim());
  if (text.length === 0) return { reason: 'missing-url' };
  if (text.length > MAX_URL_LENGTH) return { reason: 'too-long' };
  const url = parseHttpUrl(text);
  if (url === null) return { reason: 'invalid-url' };
  if (url === 'unsupported-scheme') return { reason: url };
  const host = hostnameOf(url);
  if (!host.startsWith('[')) {
    const problem = hostProblem(host);
    if (problem) return { reason: problem };
  }
  const key = urlKey(url, withoutWww(host));
  return key.length > MAX_URL_LENGTH ? { reason: 'too-long' } : { key, host };
}

/** The key of a link being checked (no validation beyond parsing); null when it is not http(s). */
export function lookupUrlKey(raw: string): string | null {
  const url = parseHttpUrl(raw.trim());
  if (url === null || url === 'unsupported-scheme') return null;
  return urlKey(url, withoutWww(hostnameOf(url)));
}
