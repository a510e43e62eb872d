/** The four outcomes a scan can have, from most to least severe. */
export type Verdict = 'scam' | 'suspicious' | 'spam' | 'safe';

/** All verdicts, most severe first. */
export const VERDICTS: readonly Verdict[] = ['scam', 'suspicious', 'spam', 'safe'];

/**
 * Every signal code the detector can emit. Codes are stable ids: replies translate them into
 * sentences, so renaming one is a breaking change for `@elara/replies`.
 */
export const SIGNAL_CODES = [
  'url.ip_literal',
  'url.userinfo',
  'url.punycode',
  'url.non_ascii_host',
  'url.mixed_script_host',
  'url.lookalike_tenant',
  'url.lookalike_brand',
  'url.many_subdomains',
  'url.risky_tld',
  'url.shortener',
  'url.suspicious_path',
  'url.random_label',
  'url.nonstandard_port',
  'url.plain_http',
  'url.threat_feed',
  'url.tenant_blocked',
  'url.new_domain',
  'url.redirects',
  'text.urgency',
  'text.payment_request',
  'text.credential_request',
  'text.otp_request',
  'text.prize',
  'text.impersonation',
  'text.job_investment_lure',
  'text.premium_rate',
  'text.marketing',
  'text.obfuscation',
  'text.new_number_claim',
  'text.model_scam',
  'text.model_spam',
] as const;

/** A known signal code; see {@link SIGNAL_CODES}. */
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** One piece of evidence that fired. */
export interface Signal {
  /** Stable dotted id, e.g. 'url.ip_literal', 'text.credential_request'. */
  code: string;
  /** Contribution to the score, 0..1. */
  weight: number;
  /** Short context such as the host or the matched phrase; never the whole message. */
  detail?: string;
}

/** One link found in the message and what was wrong with it. */
export interface UrlFinding {
  /** Normalised URL: refanged, lowercase scheme and host, trailing punctuation removed. */
  url: string;
  host: string;
  signals: Signal[];
  /** Noisy-OR of the link's signal weights, 0..1. */
  risk: number;
  /** Threat feeds that list the link or where it redirects, when any did. */
  feeds?: string[];
}

/** One threat-feed entry that matched a link. */
export interface ThreatMatch {
  /** Name of the feed that listed it, e.g. 'urlhaus', 'openphish', 'metamask'. */
  feed: string;
  /** What matched: the exact URL, the exact host, or the registrable domain. */
  kind: 'url' | 'host' | 'domain';
}

/**
 * In-memory threat-feed index, implemented by `@elara/threat-feeds`. Lookups are synchronous
 * and answer in well under a millisecond; `url` is the normalised link, `host` its lowercase host.
 */
export interface ThreatLookup {
  match(url: string, host: string): readonly ThreatMatch[];
}

/** A tenant's own lists: allowed domains are never flagged; blocked ones always are. */
export interface TenantUrlLists {
  allow: readonly string[];
  block: readonly string[];
}

/**
 * What the optional network steps (`@elara/link-inspection`) learned about a link before the
 * scan: where a shortener really leads and how old the domain is. Keyed by normalised URL.
 */
export interface LinkFacts {
  /** Final URL after following redirects, when it differs from the link itself. */
  finalUrl?: string;
  /** Number of redirects followed. */
  redirects?: number;
  /** Days since the registrable domain was registered (RDAP), when known. */
  domainAgeDays?: number;
}

export interface ScanInput {
  text: string;
  /** The tenant's own registrable domains, e.g. ['demobank.com']; they and their subdomains are trusted. */
  brandDomains: readonly string[];
  /** How many links to analyse; default 5. */
  maxUrls?: number;
  /** Threat-feed index; without it no feed lookups happen. */
  threats?: ThreatLookup;
  /** The tenant's allow and block lists (registrable domains or hosts). */
  tenantLists?: TenantUrlLists;
  /** Facts from the optional network steps, keyed by normalised URL. */
  linkFacts?: ReadonlyMap<string, LinkFacts>;
  /** Languages the message may be detected as (ISO 639-1); default en, es, pt, fr, de. */
  languages?: readonly string[];
}

export interface ScanResult {
  verdict: Verdict;
  /** Overall evidence, 0..1. */
  score: number;
  /** Every signal that fired (one per code), strongest first. */
  signals: Signal[];
  /** At most `maxUrls` links, in message order. */
  urls: UrlFinding[];
  /** How many more distinct links the text held beyond `maxUrls`. */
  urlsOmitted: number;
  /** The language the message is written in, or null when it is too short to tell reliably. */
  language: string | null;
}
