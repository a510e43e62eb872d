import type { Signal, SignalCode, UrlFinding } from '../detection.types.ts';
import { hostTokens } from '../brand/brand-lookalike.ts';
import { isTrustedHost, knownBrandLookalike, tenantLookalike } from '../brand/brand-context.ts';
import type { BrandContext } from '../brand/brand-context.ts';
import { hasMixedScript, hasNonAscii } from '../text/confusables.ts';
import { noisyOr } from '../verdict/noisy-or.ts';
import type { ExtractedUrl } from './url-extractor.ts';
import { isIpLiteral, splitHost } from './url-host.ts';
import type { HostParts } from './url-host.ts';
import { RISKY_TLDS, SHORTENER_HOSTS, SUSPICIOUS_PATH_WORDS } from './url-lists.ts';

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
} as const satisfies Partial<Record<SignalCode, number>>;

type UrlSignalCode = keyof typeof URL_SIGNAL_WEIGHTS;

const SUSPICIOUS_PATH = new RegExp(SUSPICIOUS_PATH_WORDS.join('|'));
const VOWELS = /[aeiouy]/g;
const DIGITS = /\d/g;
const LETTERS = /[a-z]/g;
const LETTER_DIGIT_SWITCH = /[a-z]\d|\d[a-z]/g;
const MIN_SUBDOMAINS = 4;
const LONG_LABEL = 25;
const LONG_HOST = 60;

function signal(code: UrlSignalCode, detail: string): Signal {
  return { code, weight: URL_SIGNAL_WEIGHTS[code], detail };
}

/** Long labels, or 12+ characters with almost no vowels or letters and digits interleaved. */
function randomLabel(parts: HostParts, host: string): string | null {
  if (host.length > LONG_HOST) return host.slice(0, 40);
  for (const label of [...parts.subdomains, parts.name]) {
    if (label.startsWith('xn--')) continue;
    if (label.length >= LONG_LABEL) return label.slice(0, 40);
    if (label.length < 12) continue;
    const letters = label.match(LETTERS)?.length ?? 0;
    const vowels = label.match(VOWELS)?.length ?? 0;
    const digits = label.match(DIGITS)?.length ?? 0;
    const switches = label.match(LETTER_DIGIT_SWITCH)?.length ?? 0;
    if ((letters >= 8 && vowels / letters < 0.2) || (digits >= 3 && letters >= 3 && switches >= 3))
      return label;
  }
  return null;
}

function scriptSignals(host: string): Signal[] {
  if (host.includes('xn--')) return [signal('url.punycode', host)];
  if (!hasNonAscii(host)) return [];
  return [signal(hasMixedScript(host) ? 'url.mixed_script_host' : 'url.non_ascii_host', host)];
}

function domainSignals(host: string, context: BrandContext): Signal[] {
  const parts = splitHost(host);
  const signals = scriptSignals(host);
  const tokens = hostTokens(parts);
  if (tenantLookalike(parts, tokens, context) !== null) signals.push(signal('url.lookalike_tenant', host));
  else if (knownBrandLookalike(parts, tokens) !== null) signals.push(signal('url.lookalike_brand', host));
  const subdomains = parts.subdomains[0] === 'www' ? parts.subdomains.length - 1 : parts.subdomains.length;
  if (subdomains >= MIN_SUBDOMAINS) signals.push(signal('url.many_subdomains', host));
  const tld = parts.labels[parts.labels.length - 1] ?? '';
  if (RISKY_TLDS.has(tld)) signals.push(signal('url.risky_tld', `.${tld}`));
  if (SHORTENER_HOSTS.has(parts.registrable) || SHORTENER_HOSTS.has(host)) {
    signals.push(signal('url.shortener', host));
  }
  const random = randomLabel(parts, host);
  if (random !== null) signals.push(signal('url.random_label', random));
  return signals;
}

/**
 * Signals for one link. Links on the tenant's own domains are trusted outright: no signals and
 * risk 0, whatever their path says, because the tenant's real login page does say "login".
 */
export function scanUrl(link: ExtractedUrl, context: BrandContext): UrlFinding {
  const { host } = link;
  if (isTrustedHost(host, context)) return { url: link.url, host, signals: [], risk: 0 };
  const signals = isIpLiteral(host) ? [signal('url.ip_literal', host)] : domainSignals(host, context);
  if (link.userinfo !== null) signals.push(signal('url.userinfo', host));
  const pathWord = SUSPICIOUS_PATH.exec(link.path.toLowerCase())?.[0];
  if (pathWord !== undefined) signals.push(signal('url.suspicious_path', pathWord));
  if (link.port !== null && link.port !== 80 && link.port !== 443) {
    signals.push(signal('url.nonstandard_port', `:${link.port}`));
  }
  if (link.scheme === 'http') signals.push(signal('url.plain_http', host));
  signals.sort((a, b) => b.weight - a.weight);
  const risk = Math.round(noisyOr(signals.map((s) => s.weight)) * 1000) / 1000;
  return { url: link.url, host, signals, risk };
}
