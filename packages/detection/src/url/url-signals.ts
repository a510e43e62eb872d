import type { Signal, SignalCode } from '../detection.types.ts';
import { hostTokens } from '../brand/brand-lookalike.ts';
import { tenantLookalike } from '../brand/brand-context.ts';
import type { BrandContext } from '../brand/brand-context.ts';
import { knownBrandLookalike } from '../brand/known-brand-lookalike.ts';
import { hasMixedScript, hasNonAscii } from '../text/confusables.ts';
import type { ExtractedUrl } from './url-extractor.ts';
import { hostAndParents, isIpLiteral, splitHost } from './url-host.ts';
import type { HostParts } from './url-host.ts';
import { RISKY_TLDS, SHORTENER_HOSTS, SUSPICIOUS_PATH_TOKENS, SUSPICIOUS_PATH_WORDS } from './url-lists.ts';

/** Weight of each URL signal: how strongly it alone points at a malicious link. */
export const URL_SIGNAL_WEIGHTS = {
  'url.ip_literal': 0.6,
  'url.userinfo': 0.7,
  'url.punycode': 0.45,
  'url.non_ascii_host': 0.4,
  'url.mixed_script_host': 0.7,
  'url.lookalike_tenant': 0.9,
  'url.lookalike_brand': 0.8,
  'url.many_subdomains': 0.3,
  'url.risky_tld': 0.35,
  'url.shortener': 0.3,
  'url.suspicious_path': 0.2,
  'url.random_label': 0.25,
  'url.nonstandard_port': 0.3,
  'url.plain_http': 0.1,
  'url.threat_feed': 0.95,
  'url.tenant_blocked': 0.95,
  'url.new_domain': 0.5,
  'url.redirects': 0.1,
} as const satisfies Partial<Record<SignalCode, number>>;

/** URL signal codes, each with a weight in {@link URL_SIGNAL_WEIGHTS}. */
export type UrlSignalCode = keyof typeof URL_SIGNAL_WEIGHTS;

/** An IPv4 address written as one number, in hex or octal ("3232235777", "0xc0a80001"): pure disguise. */
const ENCODED_IP_WEIGHT = 0.8;
/** A non-ASCII host in Latin script only ("münchen-reisen.de"): ordinary in de/fr/es/pt, so mild. */
const LATIN_ACCENTED_HOST_WEIGHT = 0.2;

const SUSPICIOUS_PATH = new RegExp(SUSPICIOUS_PATH_WORDS.join('|'));
const PATH_WORD_SPLIT = /[^a-z0-9]+/;
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;
const VOWELS = /[aeiouy]/g;
const DIGITS = /\d/g;
const LETTERS = /[a-z]/g;
const LETTER_DIGIT_SWITCH = /[a-z]\d|\d[a-z]/g;
/** Labels that are themselves TLDs, dressed up as subdomains: "paypal.com.account-check.top". */
const SUFFIX_AS_SUBDOMAIN: ReadonlySet<string> = new Set(['com', 'net', 'org', 'gov', 'edu']);
const MIN_SUBDOMAINS = 4;
const RANDOM_PART_MIN = 10;
const LONG_PART = 25;
const LONG_HOST = 60;
const MAX_DETAIL = 40;

/** A signal with its table weight, or a milder one for a weaker form of the same evidence. */
export function urlSignal(
  code: UrlSignalCode,
  detail: string,
  weight: number = URL_SIGNAL_WEIGHTS[code],
): Signal {
  return { code, weight, detail: detail.slice(0, MAX_DETAIL) };
}

function isRandomPart(part: string): boolean {
  if (part.length >= LONG_PART) return true;
  if (part.length < RANDOM_PART_MIN) return false;
  const letters = part.match(LETTERS)?.length ?? 0;
  const vowels = part.match(VOWELS)?.length ?? 0;
  const digits = part.match(DIGITS)?.length ?? 0;
  const switches = part.match(LETTER_DIGIT_SWITCH)?.length ?? 0;
  return (
    (letters >= RANDOM_PART_MIN && vowels / letters < 0.15) || (digits >= 3 && letters >= 3 && switches >= 3)
  );
}

/**
 * A very long host, or a label part that reads as machine-made: 25+ characters without a hyphen,
 * or 10+ with under 15% vowels or with letters and digits interleaved (English averages ~38%
 * vowels; "dhltracking" has 18%). Hyphenated words
 * ("my-long-company-name") are split first, so they do not count.
 */
function randomLabel(parts: HostParts, host: string): string | null {
  if (host.length > LONG_HOST) return host;
  for (const label of [...parts.subdomains, parts.name]) {
    if (label.startsWith('xn--')) continue;
    if (label.split('-').some(isRandomPart)) return label;
  }
  return null;
}

function scriptSignals(link: ExtractedUrl): Signal[] {
  const { host, unicodeHost } = link;
  const signals: Signal[] = [];
  if (link.writtenHost.includes('xn--')) signals.push(urlSignal('url.punycode', host));
  if (!hasNonAscii(unicodeHost)) return signals;
  if (unicodeHost.split('.').some(hasMixedScript)) signals.push(urlSignal('url.mixed_script_host', host));
  else if (signals.length === 0) {
    const latinOnly = !NON_LATIN_LETTER.test(unicodeHost);
    signals.push(urlSignal('url.non_ascii_host', host, latinOnly ? LATIN_ACCENTED_HOST_WEIGHT : undefined));
  }
  return signals;
}

function subdomainSignal(parts: HostParts, host: string): Signal | null {
  const subdomains = parts.subdomains.filter((label) => label !== 'www');
  if (subdomains.length >= MIN_SUBDOMAINS || subdomains.some((label) => SUFFIX_AS_SUBDOMAIN.has(label))) {
    return urlSignal('url.many_subdomains', host);
  }
  return null;
}

function domainSignals(link: ExtractedUrl, context: BrandContext): Signal[] {
  const { host } = link;
  const parts = splitHost(host);
  const signals = scriptSignals(link);
  const tokens = hostTokens(parts);
  if (tenantLookalike(parts, tokens, context) !== null) signals.push(urlSignal('url.lookalike_tenant', host));
  else if (knownBrandLookalike(parts, tokens) !== null) signals.push(urlSignal('url.lookalike_brand', host));
  const subdomains = subdomainSignal(parts, host);
  if (subdomains) signals.push(subdomains);
  const tld = parts.labels[parts.labels.length - 1] ?? '';
  if (RISKY_TLDS.has(tld)) signals.push(urlSignal('url.risky_tld', `.${tld}`));
  if (hostAndParents(host).some((domain) => SHORTENER_HOSTS.has(domain))) {
    signals.push(urlSignal('url.shortener', host));
  }
  const random = randomLabel(parts, host);
  if (random !== null) signals.push(urlSignal('url.random_label', random));
  return signals;
}

/** The first phishing-page word in a path (percent-decoded), or null. */
export function suspiciousPathWord(path: string): string | null {
  let decoded = path.toLowerCase();
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape is kept as written; the words around it still count.
  }
  const word = SUSPICIOUS_PATH.exec(decoded)?.[0];
  if (word !== undefined) return word;
  return decoded.split(PATH_WORD_SPLIT).find((token) => SUSPICIOUS_PATH_TOKENS.has(token)) ?? null;
}

/**
 * What the link itself gives away, without any list or network lookup: the host (IP, script,
 * look-alikes, subdomains, TLD, shortener, random labels), user-info, path, port and scheme.
 * The caller has already excluded the tenant's trusted domains.
 */
export function lexicalSignals(link: ExtractedUrl, context: BrandContext): Signal[] {
  const { host } = link;
  const signals: Signal[] = [];
  if (isIpLiteral(host)) {
    const encoded = !host.startsWith('[') && link.writtenHost !== host;
    signals.push(urlSignal('url.ip_literal', host, encoded ? ENCODED_IP_WEIGHT : undefined));
  } else {
    signals.push(...domainSignals(link, context));
  }
  if (link.userinfo !== null) signals.push(urlSignal('url.userinfo', host));
  const pathWord = suspiciousPathWord(link.path);
  if (pathWord !== null) signals.push(urlSignal('url.suspicious_path', pathWord));
  if (link.port !== null && link.port !== 80 && link.port !== 443) {
    signals.push(urlSignal('url.nonstandard_port', `:${link.port}`));
  }
  if (link.scheme === 'http') signals.push(urlSignal('url.plain_http', host));
  return signals;
}
