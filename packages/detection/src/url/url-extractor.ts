import { isIpLiteral } from './url-host.ts';
import { BARE_TLDS, KNOWN_TLDS, SHORTENER_HOSTS } from './url-lists.ts';

/** A link cut out of the message and parsed; `url` is its normalised form. */
export interface ExtractedUrl {
  url: string;
  /** Scheme as written, or null for "www.x.com" and "x.com/path" links. */
  scheme: 'http' | 'https' | null;
  /** Anything before an "@" in the authority, the classic "bank.com@evil.example" trick. */
  userinfo: string | null;
  host: string;
  port: number | null;
  /** Path, query and fragment; '' when absent. */
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
// path. The lookbehind stops matches starting mid-word or inside an e-mail address.
const LINK_CHARS = String.raw`[^\s<>"'\x60]`;
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}@._%+\-/])(?:https?:\/\/${LINK_CHARS}+` +
    String.raw`|(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:xn--[a-z0-9\-]+|\p{L}{2,24})(?![\p{L}\p{N}_\-])` +
    String.raw`(?::\d{1,5})?(?:[/?#]${LINK_CHARS}*)?` +
    String.raw`|(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?[/?#]${LINK_CHARS}*)`,
  'giu',
);
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>…*_~]$/;
const SPLIT = /^(?:(https?):\/\/)?([^/?#]*)(.*)$/is;
const HOST_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const LETTER_TLD = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/** Strips sentence punctuation glued to a link, keeping a ")" that closes a "(" inside it. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  while (url.length > 0 && TRAILING_PUNCTUATION.test(url)) {
    if (url.endsWith(')') && url.split('(').length > url.split(')').length - 1) break;
    url = url.slice(0, -1);
  }
  return url;
}

function splitHostPort(hostPort: string): { host: string; port: number | null } | null {
  const ipv6 = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(hostPort);
  const plain = ipv6 ? null : /^([^:]+)(?::(\d{1,5}))?$/.exec(hostPort);
  const match = ipv6 ?? plain;
  if (!match?.[1]) return null;
  const port = match[2] ? Number(match[2]) : null;
  if (port !== null && (port === 0 || port > 65535)) return null;
  return { host: match[1].toLowerCase().replace(/\.$/, ''), port };
}

/** Whether a scheme-less link is believable: known TLD, and word-like TLDs need www. or a path. */
function isPlausibleHost(host: string, hasScheme: boolean, hasPath: boolean): boolean {
  if (isIpLiteral(host)) return hasScheme || hasPath;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) return false;
  if (hasScheme) return LETTER_TLD.test(tld);
  if (labels[0] === 'www') return LETTER_TLD.test(tld);
  if (hasPath) return KNOWN_TLDS.has(tld);
  return BARE_TLDS.has(tld) || SHORTENER_HOSTS.has(host);
}

/** Parses one trimmed candidate; null when it is not a believable link. */
export function parseUrl(candidate: string): ExtractedUrl | null {
  const parts = SPLIT.exec(candidate);
  if (!parts) return null;
  const scheme = parts[1] ? (parts[1].toLowerCase() as 'http' | 'https') : null;
  const authority = parts[2] ?? '';
  const path = parts[3] ?? '';
  const at = authority.lastIndexOf('@');
  // Scheme-less "name@domain" is an e-mail address, not a link.
  if (at >= 0 && scheme === null) return null;
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  const hostPort = splitHostPort(authority.slice(at + 1));
  if (!hostPort || !isPlausibleHost(hostPort.host, scheme !== null, path.length > 1)) return null;
  const { host, port } = hostPort;
  const url = `${scheme ?? 'http'}://${userinfo === null ? '' : `${userinfo}@`}${host}${port === null ? '' : `:${port}`}${path.startsWith('/') ? path : `/${path}`}`;
  return { url, scheme, userinfo, host, port, path };
}

/**
 * Finds links in normalised (NFKC, refanged) text: distinct, in order, capped at `maxUrls`, with
 * the total count so the caller can say how many were left unchecked.
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
