import type { Pool } from '@elara/db/pool';
import type { FeedSpec } from '../feed.types.ts';
import { builtinFeeds } from './builtin-feeds.ts';
import { importFeed, type ImportFeedResult, type ImportOptions } from './feed-importer.ts';

export { builtinFeeds, METAMASK_FEED } from './builtin-feeds.ts';

/** What the refresh logs through; pino's logger fits. */
export interface RefreshLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The built-in feeds, then the configured ones; a configured feed replaces a built-in of its name. */
export function feedsToRefresh(configured: readonly FeedSpec[]): FeedSpec[] {
  const names = new Set(configured.map((f) => f.name));
  return [...builtinFeeds().filter((f) => !names.has(f.name)), ...configured];
}

export interface RefreshFeedsInput {
  pool: Pool;
  /** The configured feeds (`THREAT_FEEDS`); the built-in ones are added. */
  feeds: readonly FeedSpec[];
  logger: RefreshLogger;
  options?: ImportOptions;
}

/**
 * The `threatFeeds.refresh` job: imports every built-in and configured feed, one after another.
 * A feed that fails is logged and recorded in its `last_error` without stopping the others; only a
 * database error throws. Feeds imported by hand (`pnpm elara feeds import`) and not configured
 * are left as they are.
 */
export async function refreshThreatFeeds({
  pool,
  feeds,
  logger,
  options,
}: RefreshFeedsInput): Promise<ImportFeedResult[]> {
  const results: ImportFeedResult[] = [];
  for (const feed of feedsToRefresh(feeds)) {
    const result = await importFeed({ pool, feed, ...(options ? { options } : {}) });
    const details = {
      feed: result.name,
      outcome: result.outcome,
      // Not `version`: the logger already carries the service version under that key.
      feedVersion: result.version,
      entries: result.entryCount,
      rejected: result.rejected?.count ?? 0,
      durationMs: result.durationMs,
    };
    if (result.outcome === 'failed')
      logger.warn({ ...details, error: result.error }, 'threat feed import failed');
    else logger.info(details, 'threat feed checked');
    results.push(result);
  }
  return results;
}
