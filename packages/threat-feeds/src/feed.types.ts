import { THREAT_FEED_FORMATS } from '@elara/config/env';

/** The feed formats Elara reads: defined once in `@elara/config`, which validates `THREAT_FEEDS`. */
export const FEED_FORMATS = THREAT_FEED_FORMATS;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/**
 * What an entry blocks or allows:
 * - `url`: exactly one normalised URL (see `urlKey`), never its whole host;
 * - `domain`: a host and every subdomain of it;
 * - `allow`: a host and its subdomains that this feed's `domain` entries must not flag.
 */
export type EntryKind = 'url' | 'domain' | 'allow';

/** One normalised entry. `value` is a URL key (`host[:port]/path?query`) or a domain in ASCII. */
export interface FeedEntry {
  kind: EntryKind;
  value: string;
}

/** Why a line or item of a feed was not used. Stable codes: they are stored and shown by the CLI. */
export type RejectReason =
  | 'malformed'
  | 'too-long'
  | 'missing-url'
  | 'unsupported-scheme'
  | 'invalid-url'
  | 'invalid-host'
  | 'public-suffix'
  | 'local-name'
  | 'not-verified'
  | 'not-online';

export interface RejectedLines {
  /** Lines (or JSON items) rejected, in total. */
  count: number;
  byReason: Partial<Record<RejectReason, number>>;
  /** The first few rejections, for operators: 1-based line (or item) number and reason. */
  examples: { line: number; reason: RejectReason }[];
}

/** The MetaMask configuration's fuzzy-matching data, kept as published (see the README). */
export interface FuzzyList {
  /** Maximum Levenshtein distance MetaMask allows between a host and a fuzzylist domain. */
  tolerance: number;
  domains: string[];
}

export interface ParseResult {
  /** Distinct entries, in document order. */
  entries: FeedEntry[];
  rejected: RejectedLines;
  /** Entries that repeated an earlier one of the same kind (not counted as rejected). */
  duplicates: number;
  /** Only the `metamask` format has one. */
  fuzzy?: FuzzyList;
  /** The document's own version, when it has one (the MetaMask configuration does). */
  documentVersion?: string;
}

/** A feed to import: a unique name, its format, and an http(s) URL, a file:// URL or a file path. */
export interface FeedSpec {
  name: string;
  format: FeedFormat;
  source: string;
}

/** Feed names: lowercase, digits, '-' and '_', at most 63 characters. */
export const FEED_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isFeedFormat(value: string): value is FeedFormat {
  return (FEED_FORMATS as readonly string[]).includes(value);
}
