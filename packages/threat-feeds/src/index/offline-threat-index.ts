import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeedSpec } from '../feed.types.ts';
import { parseFeed } from '../formats/feed-formats.ts';
import { builtinFeeds } from '../import/builtin-feeds.ts';
import { createThreatIndex, type ThreatIndex } from './threat-index.ts';

/**
 * A threat index straight from feed files, without the database: for tools such as
 * `elara classify` that must run with no Postgres. Defaults to the built-in feeds; a feed whose
 * file cannot be read or parsed throws, naming the feed.
 */
export function buildOfflineThreatIndex(feeds: readonly FeedSpec[] = builtinFeeds()): ThreatIndex {
  return createThreatIndex(
    feeds.map((feed) => {
      const path = feed.source.startsWith('file:') ? fileURLToPath(feed.source) : feed.source;
      try {
        return { name: feed.name, entries: parseFeed(feed.format, readFileSync(path, 'utf8')).entries };
      } catch (error) {
        throw new Error(`threat feed ${feed.name}: ${(error as Error).message}`);
      }
    }),
  );
}
