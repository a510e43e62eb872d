import { SECOND_LEVEL_LABELS } from './url-lists.ts';

/** A domain host split around its (approximate) registrable domain. */
export interface HostParts {
  /** All labels, left to right. */
  labels: string[];
  /** Public suffix, approximated: the TLD, or two labels for "co.uk"-style country suffixes. */
  suffix: string;
  /** Suffix plus one label, e.g. "demobank.com", "demobank.co.uk". */
  registrable: string;
  /** The label just left of the suffix, e.g. "demobank". */
  name: string;
  /** Labels left of the registrable domain, e.g. ["secure", "login"]. */
  subdomains: string[];
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
// Browsers also accept a single decimal or hex number as an IPv4 host (http://3232235777/).
const IPV4_NUMBER = /^(?:0x[0-9a-f]{1,8}|\d{8,10})$/;

/** True for IPv4 (dotted or single number) and bracketed IPv6 hosts. */
export function isIpLiteral(host: string): boolean {
  if (host.startsWith('[')) return true;
  if (IPV4.test(host)) return host.split('.').every((octet) => Number(octet) <= 255);
  return IPV4_NUMBER.test(host);
}

/**
 * Splits a domain host (not an IP). Without the Public Suffix List the suffix is a guess: a
 * two-letter TLD with a generic second label ("co", "com", "gov"...) counts as a two-label suffix.
 */
export function splitHost(host: string): HostParts {
  const labels = host.split('.').filter(Boolean);
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const suffixLength = tld.length === 2 && labels.length > 2 && SECOND_LEVEL_LABELS.has(second) ? 2 : 1;
  const nameIndex = Math.max(0, labels.length - suffixLength - 1);
  return {
    labels,
    suffix: labels.slice(labels.length - suffixLength).join('.'),
    registrable: labels.slice(nameIndex).join('.'),
    name: labels[nameIndex] ?? '',
    subdomains: labels.slice(0, nameIndex),
  };
}

/** True when `host` is `domain` itself or any subdomain of it. */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
