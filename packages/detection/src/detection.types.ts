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
}

export interface ScanInput {
  text: string;
  /** The tenant's own registrable domains, e.g. ['demobank.com']; they and their subdomains are trusted. */
  brandDomains: readonly string[];
  /** How many links to analyse; default 5. */
  maxUrls?: number;
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
}
