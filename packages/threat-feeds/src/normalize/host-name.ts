import { domainToASCII } from 'node:url';
import { getPublicSuffix } from 'tldts';
import type { RejectReason } from '../feed.types.ts';
import { refang } from './refang.ts';

/** Longest host DNS allows. */
export const MAX_HOST_LENGTH = 253;

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ASCII_HOST = /^[a-z0-9._-]*$/;
// domainToASCII would quietly cut "bad.example/path" down to "bad.example".
const NOT_IN_HOST = /[\s/\\?#@:%[\]]/;
// Underscores are not valid in DNS host names but do occur in real phishing hosts (and resolve).
const LABEL = /^[a-z0-9_-]{1,63}$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Names that hosts files map by convention; they are never a threat. */
const LOCAL_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
]);

/** True for dotted IPv4 and bracketed IPv6 (as `URL.hostname` writes it). */
export function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || IPV4.test(host);
}

/**
 * A host in the form entries and lookups share: trimmed, lowercase, no trailing dot, IDN labels as
 * punycode (`domainToASCII`, UTS #46). '' when the name cannot be converted.
 */
export function toAsciiHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (ASCII_HOST.test(host)) return host;
  return NOT_IN_HOST.test(host) ? '' : domainToASCII(host);
}

/** The public suffix (ICANN and private sections: `com`, `co.uk`, `github.io`); '' for an IP. */
export function publicSuffixOf(host: string): string {
  return getPublicSuffix(host, { allowPrivateDomains: true }) ?? '';
}

/**
 * Why an ASCII host cannot be an entry, or null when it can: an IPv4 address, or at least two
 * labels with an alphabetic (or punycode) top-level label that is not itself a public suffix, so
 * a feed can never block a whole suffix such as `com` or `github.io`.
 */
export function hostProblem(host: string): RejectReason | null {
  if (LOCAL_NAMES.has(host)) return 'local-name';
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return 'invalid-host';
  if (IPV4.test(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !TLD.test(labels[labels.length - 1]!)) return 'invalid-host';
  if (!labels.every((label) => LABEL.test(label))) return 'invalid-host';
  if (publicSuffixOf(host) === host) return 'public-suffix';
  return null;
}

/**
 * Drops one leading `www.` when it is a subdomain label: `www.evil.com` → `evil.com`, but
 * `www.github.io` stays (there `www` is the registrable name). Entries and lookups both go
 * through this, so a listing with or without `www.` matches links with or without it.
 */
export function withoutWww(host: string): string {
  if (!host.startsWith('www.') || isIpLiteral(host)) return host;
  return stripWww(host, publicSuffixOf(host).length);
}

/** `withoutWww` for a domain whose public suffix length is already known. */
export function stripWww(host: string, suffixLength: number): string {
  return host.startsWith('www.') && host.length - 4 > suffixLength ? host.slice(4) : host;
}

export type NormalizedDomain = { domain: string } | { reason: RejectReason };

/**
 * A feed's domain as an entry: refanged, a leading `*.` or `.` dropped (subdomains match anyway),
 * ASCII (see `toAsciiHost`), checked (see `hostProblem`), and without a `www.` subdomain.
 */
export function normalizeFeedDomain(raw: string): NormalizedDomain {
  const text = refang(raw.trim()).replace(/^\*?\./, '');
  if (text.length === 0) return { reason: 'invalid-host' };
  if (text.length > MAX_HOST_LENGTH * 4) return { reason: 'too-long' };
  const host = toAsciiHost(text);
  const problem = hostProblem(host);
  if (problem) return { reason: problem };
  return { domain: withoutWww(host) };
}
