import type { Pool } from '@elara/db/pool';
import type { EntryKind, FeedEntry, FeedSpec, RejectedLines } from '../feed.types.ts';
import { inTransaction } from '@elara/db/transaction';

/** One feed's row in `threat_feeds`: what was imported, when, and the last failure. */
export interface FeedStatus {
  name: string;
  format: string;
  source: string;
  /** 0 until the first successful import; bumped by every import that replaced the entries. */
  version: number;
  entryCount: number;
  rejectedCount: number;
  rejectedReasons: Record<string, number>;
  contentSha256: string | null;
  etag: string | null;
  lastModified: string | null;
  importedAt: Date | null;
  checkedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface FeedVersion {
  name: string;
  version: number;
}

/** Rows per INSERT when replacing entries: big enough to be set-based, small enough to stream. */
export const INSERT_CHUNK = 10_000;
/** Rows per page when loading entries. */
export const LOAD_PAGE = 20_000;
/** `last_error` is cut to this many characters. */
const MAX_ERROR_LENGTH = 1_000;

interface FeedRow {
  name: string;
  format: string;
  source: string;
  version: string;
  entry_count: number;
  rejected_count: number;
  rejected_reasons: Record<string, number>;
  content_sha256: string | null;
  etag: string | null;
  last_modified: string | null;
  imported_at: Date | null;
  checked_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
}

const STATUS_COLUMNS = `name, format, source, version, entry_count, rejected_count, rejected_reasons, content_sha256,
  etag, last_modified, imported_at, checked_at, last_error, last_error_at`;

function toStatus(row: FeedRow): FeedStatus {
  return {
    name: row.name,
    format: row.format,
    source: row.source,
    version: Number(row.version),
    entryCount: row.entry_count,
    rejectedCount: row.rejected_count,
    rejectedReasons: row.rejected_reasons,
    contentSha256: row.content_sha256,
    etag: row.etag,
    lastModified: row.last_modified,
    importedAt: row.imported_at,
    checkedAt: row.checked_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

/** Every feed's status, by name. */
export async function listFeedStatuses(pool: Pool): Promise<FeedStatus[]> {
  const { rows } = await pool.query<FeedRow>(`SELECT ${STATUS_COLUMNS} FROM threat_feeds ORDER BY name`);
  return rows.map(toStatus);
}

export async function getFeedStatus(pool: Pool, name: string): Promise<FeedStatus | null> {
  const { rows } = await pool.query<FeedRow>(`SELECT ${STATUS_COLUMNS} FROM threat_feeds WHERE name = $1`, [
    name,
  ]);
  return rows[0] ? toStatus(rows[0]) : null;
}

export interface ReplaceEntriesInput {
  feed: FeedSpec;
  entries: readonly FeedEntry[];
  rejected: RejectedLines;
  contentSha256: string;
  etag: string | null;
  lastModified: string | null;
}

/**
 * Replaces one feed's entries atomically and bumps its version: in one transaction the feed row is
 * upserted (and so locked: concurrent imports of one feed queue up), its entries deleted, the
 * new ones inserted with `unnest` in chunks of `INSERT_CHUNK`, and the row updated. Readers see
 * the old entries or the new ones, never a mix. Returns the new version.
 */
export async function replaceFeedEntries(pool: Pool, input: ReplaceEntriesInput): Promise<number> {
  const { feed, entries } = input;
  return inTransaction(pool, 'BEGIN', async (client) => {
    await client.query(
      `INSERT INTO threat_feeds (name, format, source) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET format = EXCLUDED.format, source = EXCLUDED.source`,
      [feed.name, feed.format, feed.source],
    );
    await client.query('DELETE FROM threat_feed_entries WHERE feed = $1', [feed.name]);
    for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
      const chunk = entries.slice(start, start + INSERT_CHUNK);
      await client.query({
        name: 'threat_feeds.insert_entries',
        text: `INSERT INTO threat_feed_entries (feed, kind, value)
               SELECT $1, e.kind, e.value FROM unnest($2::text[], $3::text[]) AS e(kind, value)`,
        values: [feed.name, chunk.map((e) => e.kind), chunk.map((e) => e.value)],
      });
    }
    const { rows } = await client.query<{ version: string }>(
      `UPDATE threat_feeds
          SET version = version + 1, entry_count = $2, rejected_count = $3, rejected_reasons = $4,
              content_sha256 = $5, etag = $6, last_modified = $7, imported_at = now(), checked_at = now(),
              last_error = NULL, last_error_at = NULL
        WHERE name = $1 RETURNING version`,
      [
        feed.name,
        entries.length,
        input.rejected.count,
        JSON.stringify(input.rejected.byReason),
        input.contentSha256,
        input.etag,
        input.lastModified,
      ],
    );
    return Number(rows[0]!.version);
  });
}

/**
 * A check that found nothing new (HTTP 304, or the same content): records the time and the
 * latest validators; entries and version stay.
 */
export async function recordFeedChecked(
  pool: Pool,
  input: { name: string; etag: string | null; lastModified: string | null },
): Promise<void> {
  await pool.query(
    `UPDATE threat_feeds SET checked_at = now(), etag = $2, last_modified = $3, last_error = NULL, last_error_at = NULL
      WHERE name = $1`,
    [input.name, input.etag, input.lastModified],
  );
}

/**
 * Records a failed import in `last_error`, creating the feed's row (version 0, no entries) when
 * it is new, so `feeds list` shows it. The entries and version of an existing feed stay.
 */
export async function recordFeedFailure(pool: Pool, feed: FeedSpec, error: string): Promise<void> {
  await pool.query(
    `INSERT INTO threat_feeds AS f (name, format, source, last_error, last_error_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE SET last_error = EXCLUDED.last_error, last_error_at = now()`,
    [feed.name, feed.format, feed.source, error.slice(0, MAX_ERROR_LENGTH)],
  );
}

/** Deletes a feed and its entries; false when there was none. */
export async function removeFeed(pool: Pool, name: string): Promise<boolean> {
  return inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('DELETE FROM threat_feed_entries WHERE feed = $1', [name]);
    const { rowCount } = await client.query('DELETE FROM threat_feeds WHERE name = $1', [name]);
    return (rowCount ?? 0) > 0;
  });
}

/**
 * The versions of the feeds that have entries: the refresher's cheap poll (one small query).
 * Feeds never imported successfully (version 0) have nothing to load and are left out.
 */
export async function readFeedVersions(pool: Pick<Pool, 'query'>): Promise<FeedVersion[]> {
  const { rows } = await pool.query<{ name: string; version: string }>({
    name: 'threat_feeds.versions',
    text: 'SELECT name, version FROM threat_feeds WHERE version > 0 ORDER BY name',
  });
  return rows.map((r) => ({ name: r.name, version: Number(r.version) }));
}

/**
 * Streams every entry of every imported feed to `visit`, `pageSize` rows at a time through a
 * cursor, inside one read-only REPEATABLE READ transaction: the entries and the versions returned
 * are one consistent snapshot even while imports commit. (A cursor over a plain scan, not keyset
 * pages: right after a bulk import the statistics are stale and paged ORDER BY queries sorted the
 * whole table for every page.)
 */
export async function loadAllEntries(
  pool: Pool,
  visit: (feed: string, kind: EntryKind, value: string) => void,
  pageSize = LOAD_PAGE,
): Promise<FeedVersion[]> {
  return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
    const versions = await readFeedVersions(client);
    await client.query(
      `DECLARE threat_entries NO SCROLL CURSOR FOR
         SELECT e.feed, e.kind, e.value FROM threat_feed_entries e
           JOIN threat_feeds f ON f.name = e.feed AND f.version > 0`,
    );
    for (;;) {
      const { rows } = await client.query<[string, EntryKind, string]>({
        text: `FETCH FORWARD ${Number(pageSize)} FROM threat_entries`,
        rowMode: 'array',
      });
      for (const [feed, kind, value] of rows) visit(feed, kind, value);
      if (rows.length < pageSize) break;
    }
    return versions;
  });
}
