import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';

/** A domain host split around its registrable domain, per the Public Suffix List. */
export interface HostParts {
  /** All labels, left to right, ASCII (IDN labels as punycode). */
  labels: string[];
  /**
   * Public suffix, private PSL entries included: "co.uk", "com", but also "github.io" or
   * "pages.dev", where every customer owns a separate site.
   */
  suffix: string;
  /** Whether the suffix is a private PSL entry (a hosting platform such as "github.io"). */
  privateSuffix: boolean;
  /** Suffix plus one label, e.g. "demobank.com", "demobank.co.uk", "someone.github.io". */
  registrable: string;
  /** The label just left of the suffix, e.g. "demobank". */
  name: string;
  /** Labels left of the registrable domain, e.g. ["login", "secure"]. */
  subdomains: string[];
  /** `name` decoded from punycode ("xn--demobnk-2fg" → "demobаnk"), for look-alike analysis. */
  unicodeName: string;
  /** `subdomains` decoded from punycode. */
  unicodeSubdomains: string[];
}

const IPV4_DOTTED = /^(?:\d{1,3}\.){3}\d{1,3}$/;
// Hosts here are already canonical (see `parseUrl`), so a single label such as "com" cannot occur
// for a real link; hostname parsing is skipped because the input is a hostname.
const PRIVATE_SUFFIXES = { allowPrivateDomains: true, extractHostname: false } as const;
const ICANN_SUFFIXES = { allowPrivateDomains: false, extractHostname: false } as const;

/**
 * True for a canonical IP host: dotted IPv4 or bracketed IPv6. The URL parser has already turned
 * decimal, hex, octal and short forms ("3232235777", "0xc0.0xa8.0.1", "192.168.1") into dotted
 * IPv4, so this only has to recognise the canonical forms.
 */
export function isIpLiteral(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']');
  return IPV4_DOTTED.test(host) && host.split('.').every((octet) => Number(octet) <= 255);
}

/** Lowercase ASCII form of a host (IDN → punycode, UTS #46 mapping), or null when invalid. */
export function toAsciiHost(host: string): string | null {
  const ascii = domainToASCII(host.trim().replace(/\.$/, ''));
  return ascii === '' ? null : ascii;
}

/** Unicode form of an ASCII host, for display and look-alike analysis; the input when undecodable. */
export function toUnicodeHost(asciiHost: string): string {
  if (!asciiHost.includes('xn--')) return asciiHost;
  return domainToUnicode(asciiHost) || asciiHost;
}

function decodeLabel(label: string): string {
  return label.startsWith('xn--') ? domainToUnicode(label) || label : label;
}

/**
 * Splits an ASCII domain host (not an IP) with the Public Suffix List, private entries included,
 * so "paypal-login.github.io" has the name "paypal-login". Unknown TLDs count as a one-label suffix.
 */
export function splitHost(host: string): HostParts {
  const labels = host.split('.').filter(Boolean);
  const parsed = parse(host, PRIVATE_SUFFIXES);
  // A host that is itself a private suffix ("github.io") is split at its ICANN suffix instead.
  const privateSuffix = parsed.domain !== null && parsed.isPrivate === true;
  const domain = parsed.domain ?? parse(host, ICANN_SUFFIXES).domain ?? host;
  const registrableLabels = domain.split('.').length;
  const nameIndex = Math.max(0, labels.length - registrableLabels);
  const name = labels[nameIndex] ?? '';
  const subdomains = labels.slice(0, nameIndex);
  return {
    labels,
    suffix: labels.slice(nameIndex + 1).join('.'),
    privateSuffix,
    registrable: labels.slice(nameIndex).join('.'),
    name,
    subdomains,
    unicodeName: decodeLabel(name),
    unicodeSubdomains: subdomains.map(decodeLabel),
  };
}

/**
 * The registrable domain as a registry knows it (ICANN suffixes only: "github.io", not
 * "someone.github.io"), which is what RDAP answers for; null for IPs and bare suffixes.
 */
export function registrableDomain(host: string): string | null {
  if (isIpLiteral(host)) return null;
  return parse(host, ICANN_SUFFIXES).domain;
}

/** True when `host` is `domain` itself or any subdomain of it. */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The host and each parent domain, most specific first: "a.b.com" → a.b.com, b.com, com. */
export function hostAndParents(host: string): string[] {
  const result = [host];
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    result.push(host.slice(dot + 1));
  }
  return result;
}
