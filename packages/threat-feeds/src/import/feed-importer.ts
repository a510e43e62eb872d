import { createHash } from 'node:crypto';
import type { Pool } from '@elara/db/pool';
import {
  FEED_NAME,
  isFeedFormat,
  type FeedSpec,
  type ParseResult,
  type RejectedLines,
} from '../feed.types.ts';
import { parseFeed } from '../formats/feed-formats.ts';
import {
  getFeedStatus,
  recordFeedChecked,
  recordFeedFailure,
  replaceFeedEntries,
} from '../store/threat-feed.repo.ts';
import { readFeedSource } from './feed-source.ts';

export type { FeedSpec } from '../feed.types.ts';

/** Default whole-request timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default document size limit (PhishTank's full JSON is the largest feed read here). */
export const DEFAULT_MAX_BYTES = 64 * 1_048_576;

export interface ImportOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Download and replace even when the source says (or the content shows) nothing changed. */
  force?: boolean;
}

export interface ImportFeedInput {
  pool: Pool;
  feed: FeedSpec;
  options?: ImportOptions;
}

/**
 * - `imported`: entries replaced, version bumped;
 * - `unchanged`: downloaded, but the normalised entries are the same (version kept);
 * - `not-modified`: the source answered 304 (or the file is unchanged);
 * - `failed`: `error` says why, recorded in `last_error`; the previous entries stay.
 */
export type ImportOutcome = 'imported' | 'unchanged' | 'not-modified' | 'failed';

export interface ImportFeedResult {
  name: string;
  outcome: ImportOutcome;
  /** The feed's version after this import (0 when it never imported successfully). */
  version: number;
  /** Entries the feed holds now. */
  entryCount: number;
  /** Of the document read this time; null when none was parsed. */
  rejected: RejectedLines | null;
  duplicates: number;
  error?: string;
  durationMs: number;
}

function contentHash(feed: FeedSpec, parsed: ParseResult): string {
  const hash = createHash('sha256').update(`${feed.format}\n`);
  for (const entry of parsed.entries) hash.update(`${entry.kind} ${entry.value}\n`);
  return hash.digest('hex');
}

function summarise(rejected: RejectedLines): string {
  const reasons = Object.entries(rejected.byReason).map(([reason, count]) => `${reason}: ${count}`);
  return reasons.length ? ` (${reasons.join(', ')})` : '';
}

/**
 * Imports one feed: reads the source (conditionally, when the feed was imported before from the
 * same source and format), parses it, and replaces the feed's entries in one transaction when they
 * changed. A failure to read or parse, or a document with no usable entry, is recorded in
 * `last_error` and returned as `failed`: the previous entries stay, so a broken download never
 * empties a feed. Throws only for an invalid feed spec or a database error.
 */
export async function importFeed({ pool, feed, options = {} }: ImportFeedInput): Promise<ImportFeedResult> {
  if (!FEED_NAME.test(feed.name)) throw new Error(`invalid feed name: ${feed.name}`);
  if (!isFeedFormat(feed.format)) throw new Error(`unknown feed format: ${String(feed.format)}`);
  const started = performance.now();
  const previous = await getFeedStatus(pool, feed.name);
  const sameSource = previous !== null && previous.source === feed.source && previous.format === feed.format;
  const base = {
    name: feed.name,
    version: previous?.version ?? 0,
    entryCount: previous?.entryCount ?? 0,
    duplicates: 0,
  };
  const finish = (result: Omit<ImportFeedResult, 'durationMs'>): ImportFeedResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  const fail = async (error: string, rejected: RejectedLines | null = null) => {
    await recordFeedFailure(pool, feed, error);
    return finish({ ...base, outcome: 'failed', rejected, error });
  };

  const conditional = sameSource && previous.version > 0 && !options.force;
  let source;
  try {
    source = await readFeedSource(feed.source, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      etag: conditional ? previous.etag : null,
      lastModified: conditional ? previous.lastModified : null,
    });
  } catch (error) {
    // Not the source itself: a feed URL may carry an API key, and errors are logged.
    return fail(`cannot read the source: ${(error as Error).message}`);
  }
  if (source.status === 'not-modified') {
    await recordFeedChecked(pool, {
      name: feed.name,
      etag: previous!.etag,
      lastModified: previous!.lastModified,
    });
    return finish({ ...base, outcome: 'not-modified', rejected: null });
  }

  let parsed: ParseResult;
  try {
    parsed = parseFeed(feed.format, source.text);
  } catch (error) {
    return fail(`cannot parse as ${feed.format}: ${(error as Error).message}`);
  }
  if (parsed.entries.length === 0)
    return fail(
      `no usable entries: ${parsed.rejected.count} rejected${summarise(parsed.rejected)}`,
      parsed.rejected,
    );

  const contentSha256 = contentHash(feed, parsed);
  const { etag, lastModified } = source;
  if (sameSource && previous.version > 0 && previous.contentSha256 === contentSha256 && !options.force) {
    await recordFeedChecked(pool, { name: feed.name, etag, lastModified });
    return finish({
      ...base,
      outcome: 'unchanged',
      rejected: parsed.rejected,
      duplicates: parsed.duplicates,
    });
  }
  const version = await replaceFeedEntries(pool, {
    feed,
    entries: parsed.entries,
    rejected: parsed.rejected,
    contentSha256,
    etag,
    lastModified,
  });
  return finish({
    name: feed.name,
    outcome: 'imported',
    version,
    entryCount: parsed.entries.length,
    rejected: parsed.rejected,
    duplicates: parsed.duplicates,
  });
}
