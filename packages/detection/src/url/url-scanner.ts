import type { LinkFacts, Signal, ThreatLookup, UrlFinding } from '../detection.types.ts';
import { hostTrust, isTrustedHost } from '../brand/brand-context.ts';
import type { BrandContext } from '../brand/brand-context.ts';
import { noisyOr } from '../verdict/noisy-or.ts';
import { parseUrl } from './url-extractor.ts';
import type { ExtractedUrl } from './url-extractor.ts';
import { lexicalSignals, urlSignal } from './url-signals.ts';

/** Optional evidence from outside the message; without it the scan is purely lexical. */
export interface UrlScanExtras {
  /** Threat-feed index: every untrusted link (and where it redirects) is looked up. */
  threats?: ThreatLookup;
  /** Facts from the network steps, keyed by normalised URL (`ExtractedUrl.url`). */
  linkFacts?: ReadonlyMap<string, LinkFacts>;
}

/** A domain registered fewer days ago than this is new. */
export const NEW_DOMAIN_DAYS = 30;

function feedSignals(link: ExtractedUrl, threats: ThreatLookup | undefined, feeds: Set<string>): Signal[] {
  const matches = threats?.match(link.url, link.host) ?? [];
  if (matches.length === 0) return [];
  const names = [...new Set(matches.map((match) => match.feed))];
  for (const name of names) feeds.add(name);
  return [urlSignal('url.threat_feed', names.join(', '))];
}

/** Lexical signals, the tenant's block list and the threat feeds, for one untrusted link. */
function linkSignals(
  link: ExtractedUrl,
  context: BrandContext,
  threats: ThreatLookup | undefined,
  feeds: Set<string>,
): Signal[] {
  const signals = lexicalSignals(link, context);
  if (hostTrust(link.host, context) === 'blocked') signals.push(urlSignal('url.tenant_blocked', link.host));
  signals.push(...feedSignals(link, threats, feeds));
  return signals;
}

/**
 * Signals from what the network steps learned: where the link really leads (that URL is scanned
 * like the link itself, unless it lands on a trusted domain) and how young the domain is.
 */
function factSignals(
  link: ExtractedUrl,
  facts: LinkFacts,
  context: BrandContext,
  threats: ThreatLookup | undefined,
  feeds: Set<string>,
): Signal[] {
  const signals: Signal[] = [];
  const final = facts.finalUrl === undefined ? null : parseUrl(facts.finalUrl);
  const redirected = final !== null && final.url !== link.url;
  if (redirected) {
    if (final.host !== link.host) signals.push(urlSignal('url.redirects', final.host));
    if (!isTrustedHost(final.host, context)) signals.push(...linkSignals(final, context, threats, feeds));
  }
  if (facts.domainAgeDays !== undefined && facts.domainAgeDays < NEW_DOMAIN_DAYS) {
    // The age is of the final domain when the link redirects (a shortener's own age says nothing).
    signals.push(urlSignal('url.new_domain', redirected ? final.host : link.host));
  }
  return signals;
}

/** One signal per code (the strongest occurrence), strongest first. */
function strongestPerCode(signals: readonly Signal[]): Signal[] {
  const byCode = new Map<string, Signal>();
  for (const signal of signals) {
    const existing = byCode.get(signal.code);
    if (!existing || signal.weight > existing.weight) byCode.set(signal.code, signal);
  }
  return [...byCode.values()].sort((a, b) => b.weight - a.weight);
}

/**
 * Scores one link. Links on the tenant's brand domains or allow list are trusted outright: no
 * signals and risk 0, whatever their path says or any feed lists, because the tenant's real login
 * page does say "login". Everything else gets lexical signals, block-list and threat-feed matches,
 * and, when `extras.linkFacts` has an entry for it, the signals of its final URL and domain age.
 */
export function scanUrl(link: ExtractedUrl, context: BrandContext, extras: UrlScanExtras = {}): UrlFinding {
  const { url, host } = link;
  if (isTrustedHost(host, context)) return { url, host, signals: [], risk: 0 };
  const feeds = new Set<string>();
  const signals = linkSignals(link, context, extras.threats, feeds);
  const facts = extras.linkFacts?.get(url);
  if (facts !== undefined) signals.push(...factSignals(link, facts, context, extras.threats, feeds));
  const merged = strongestPerCode(signals);
  const risk = Math.round(noisyOr(merged.map((s) => s.weight)) * 1000) / 1000;
  const finding: UrlFinding = { url, host, signals: merged, risk };
  if (feeds.size > 0) finding.feeds = [...feeds];
  return finding;
}
