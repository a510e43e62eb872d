import { parse } from 'tldts';
import { isIpLiteral, toUnicodeHost } from './url-host.ts';
import { BARE_TLDS, SHORTENER_HOSTS } from './url-lists.ts';

/** A link cut out of the message and parsed; `url` is its normalised form. */
export interface ExtractedUrl {
  /**
   * Normalised URL, as the WHATWG URL parser serialises it: lowercase scheme and host, IDN hosts
   * as punycode, IPv4 in dotted decimal, default port dropped, "http://" added when none was written.
   */
  url: string;
  /** Scheme as written, or null for "www.x.com" and "x.com/path" links. */
  scheme: 'http' | 'https' | null;
  /** Anything before an "@" in the authority, the classic "bank.com@evil.example" trick. */
  userinfo: string | null;
  /** Lowercase ASCII host: punycode for IDNs, dotted IPv4, bracketed IPv6. Use it for lookups. */
  host: string;
  /** `host` with punycode decoded ("demobаnk.com"), for look-alike analysis only. */
  unicodeHost: string;
  /** The host as written, lowercased: tells "xn--…" and "0xc0a80001" apart from their canonical forms. */
  writtenHost: string;
  /** Explicit non-default port, or null. */
  port: number | null;
  /** Path, query and fragment, as serialised ('/' at least). */
  path: string;
}

export interface ExtractionResult {
  /** Distinct links in message order, at most `maxUrls`. */
  urls: ExtractedUrl[];
  /** Distinct links found in total, including those beyond `maxUrls`. */
  total: number;
  /** [start, end) of every accepted link in the input, so callers can blank them out. */
  spans: Array<[number, number]>;
}

// Three shapes: "http(s)://anything", "label.label.tld[:port][/path]" and a bare IPv4 with a
// path. The lookbehinds stop matches starting mid-word or inside an e-mail address (a scheme may
// follow "_" or "*", WhatsApp's italics and bold); quotes and CJK brackets end a link, as in chat apps.
const LINK_CHARS = String.raw`[^\s<>"'\x60“”‘’«»「」『』【】]`;
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])https?:\/\/${LINK_CHARS}+` +
    String.raw`|(?<![\p{L}\p{N}@._%+\-/])(?:(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:xn--[a-z0-9\-]+|\p{L}{2,24})(?![\p{L}\p{N}_\-@])` +
    String.raw`(?::\d{1,5})?(?:[/?#]${LINK_CHARS}*)?` +
    String.raw`|(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?[/?#]${LINK_CHARS}*)`,
  'giu',
);
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>…*_~。、，）】」』]$/u;
const CLOSING_TO_OPENING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
// Defanging as analysts and scammers write it; normalizeMessage undoes it in running text, this
// repeats it so parseUrl also accepts a single defanged link (a feed entry, a redirect target).
const DEFANGED_SCHEME = /^h(?:xx|tt)p(s?)(?:\[:\]|:)\/\//i;
const DEFANGED_DOT = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|[\u3002\uff0e\uff61]/gi;
const SCHEME = /^(https?):\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const AUTHORITY_END = /[/?#\\]/;
const TLD_SHAPE = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ICANN_ONLY = { allowPrivateDomains: false, extractHostname: false } as const;

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Strips sentence punctuation glued to a link, keeping a closing bracket that closes one inside it. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  while (url.length > 0 && TRAILING_PUNCTUATION.test(url)) {
    const last = url[url.length - 1]!;
    const opening = CLOSING_TO_OPENING[last];
    if (opening !== undefined && count(url, opening) >= count(url, last)) break;
    url = url.slice(0, -1);
  }
  return url;
}

/** The host as written in an authority ("user@host:port"), lowercased, brackets kept for IPv6. */
function writtenHostOf(authority: string): string {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  const colon = hostPort.indexOf(':');
  return (colon >= 0 ? hostPort.slice(0, colon) : hostPort).replace(/\.$/, '');
}

/**
 * Whether a parsed host is believable as a link. With a scheme anything with a letter TLD (or an
 * IP) counts; scheme-less links need a real ICANN TLD, and a bare "name.tld" with no www. and no
 * path needs a TLD from {@link BARE_TLDS} (so "going.to" and "file.zip" are not links).
 */
function isPlausibleHost(host: string, hasScheme: boolean, hasPath: boolean): boolean {
  if (isIpLiteral(host)) return hasScheme || hasPath;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !TLD_SHAPE.test(tld)) return false;
  if (hasScheme) return true;
  if (labels[0] === 'www' || hasPath) return parse(host, ICANN_ONLY).isIcann === true;
  return BARE_TLDS.has(tld) || SHORTENER_HOSTS.has(host);
}

/** Undoes "hxxps://", "[.]", "(dot)" and fullwidth or ideographic dots in one link. */
export function refangLink(link: string): string {
  return link.replace(DEFANGED_SCHEME, 'http$1://').replace(DEFANGED_DOT, '.');
}

/**
 * Parses one link (trimmed, possibly defanged or scheme-less) with the WHATWG URL parser, as a
 * browser would; null when it is not an http(s) link with a believable host.
 */
export function parseUrl(candidate: string): ExtractedUrl | null {
  const text = refangLink(candidate.trim());
  const schemeMatch = SCHEME.exec(text);
  if (!schemeMatch && OTHER_SCHEME.test(text)) return null;
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const authorityEnd = rest.search(AUTHORITY_END);
  const authority = authorityEnd >= 0 ? rest.slice(0, authorityEnd) : rest;
  // Scheme-less "name@domain" is an e-mail address, not a link.
  if (!schemeMatch && authority.includes('@')) return null;
  let parsed: URL;
  try {
    parsed = new URL(schemeMatch ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.replace(/\.$/, '');
  const hasPath = authorityEnd >= 0 && rest.length - authorityEnd > 1;
  if (host === '' || !isPlausibleHost(host, schemeMatch !== null, hasPath)) return null;
  if (host !== parsed.hostname) parsed.hostname = host;
  const credentials = parsed.password ? `${parsed.username}:${parsed.password}` : parsed.username;
  return {
    url: parsed.href,
    scheme: schemeMatch ? (schemeMatch[1]!.toLowerCase() as 'http' | 'https') : null,
    userinfo: credentials === '' ? null : credentials,
    host,
    unicodeHost: toUnicodeHost(host),
    writtenHost: writtenHostOf(authority),
    port: parsed.port === '' ? null : Number(parsed.port),
    path: `${parsed.pathname}${parsed.search}${parsed.hash}`,
  };
}

/**
 * Finds links in normalised text (`normalizeMessage`: NFKC, refanged): distinct, in order, capped
 * at `maxUrls`, with the total count so the caller can say how many were left unchecked.
 */
export function extractUrls(text: string, maxUrls: number): ExtractionResult {
  const urls: ExtractedUrl[] = [];
  const seen = new Set<string>();
  const spans: Array<[number, number]> = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const trimmed = trimTrailing(m[0]);
    const parsed = parseUrl(trimmed);
    if (!parsed) continue;
    spans.push([m.index, m.index + trimmed.length]);
    if (seen.has(parsed.url)) continue;
    seen.add(parsed.url);
    if (urls.length < maxUrls) urls.push(parsed);
  }
  return { urls, total: seen.size, spans };
}
