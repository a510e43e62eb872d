import { createPool, type Pool } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEntry, FeedSpec } from '../feed.types.ts';
import {
  getFeedStatus,
  INSERT_CHUNK,
  listFeedStatuses,
  loadAllEntries,
  readFeedVersions,
  recordFeedFailure,
  removeFeed,
  replaceFeedEntries,
} from './threat-feed.repo.ts';

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  // As the application role, like the services.
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'threat-feeds-repo-test' });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const NO_REJECTS = { count: 0, byReason: {}, examples: [] };

function domains(prefix: string, count: number): FeedEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'domain' as const,
    value: `${prefix}${i}.example`,
  }));
}

function replace(feed: FeedSpec, entries: FeedEntry[], hash = 'h') {
  return replaceFeedEntries(pool, {
    feed,
    entries,
    rejected: NO_REJECTS,
    contentSha256: hash,
    etag: null,
    lastModified: null,
  });
}

async function entriesOf(name: string): Promise<string[]> {
  const { rows } = await pool.query<{ value: string }>(
    'SELECT value FROM threat_feed_entries WHERE feed = $1 ORDER BY value',
    [name],
  );
  return rows.map((r) => r.value);
}

describe('replaceFeedEntries', () => {
  const feed: FeedSpec = { name: 'replace-test', format: 'domain-list', source: '/tmp/list.txt' };

  it('inserts more than one chunk, bumps the version and records the counts', async () => {
    const entries = domains('a', INSERT_CHUNK + 1_234);
    expect(await replace(feed, entries)).toBe(1);
    const status = await getFeedStatus(pool, feed.name);
    expect(status).toMatchObject({
      version: 1,
      entryCount: entries.length,
      lastError: null,
      format: 'domain-list',
    });
    expect(status?.importedAt).toBeInstanceOf(Date);
    expect((await entriesOf(feed.name)).length).toBe(entries.length);
  });

  it('replaces every entry of that feed and only that feed', async () => {
    const other: FeedSpec = { name: 'replace-other', format: 'domain-list', source: '/tmp/o.txt' };
    await replace(other, domains('o', 3));
    expect(await replace(feed, [{ kind: 'domain', value: 'new.example' }])).toBe(2);
    expect(await entriesOf(feed.name)).toEqual(['new.example']);
    expect(await entriesOf(other.name)).toEqual(['o0.example', 'o1.example', 'o2.example']);
  });

  it('is atomic: a failure in a later chunk keeps the previous entries and version', async () => {
    const entries: FeedEntry[] = [
      ...domains('b', INSERT_CHUNK + 10),
      { kind: 'bogus' as FeedEntry['kind'], value: 'breaks.example' },
    ];
    await expect(replace(feed, entries)).rejects.toThrow(/check constraint/);
    expect(await entriesOf(feed.name)).toEqual(['new.example']);
    expect(await getFeedStatus(pool, feed.name)).toMatchObject({ version: 2, entryCount: 1 });
  });

  it('serialises concurrent imports of one feed', async () => {
    const results = await Promise.all([
      replace(feed, domains('c', 5_000)),
      replace(feed, domains('d', 7_000)),
    ]);
    expect(results.sort()).toEqual([3, 4]);
    const status = await getFeedStatus(pool, feed.name);
    expect((await entriesOf(feed.name)).length).toBe(status?.entryCount);
  });
});

describe('recordFeedFailure', () => {
  it('creates a row for a new feed with version 0, and keeps an existing feed entries', async () => {
    const fresh: FeedSpec = { name: 'never-worked', format: 'url-list', source: 'http://127.0.0.1:9/x' };
    await recordFeedFailure(pool, fresh, 'cannot read: HTTP 500');
    expect(await getFeedStatus(pool, fresh.name)).toMatchObject({
      version: 0,
      entryCount: 0,
      lastError: 'cannot read: HTTP 500',
    });

    const kept: FeedSpec = { name: 'kept', format: 'domain-list', source: '/tmp/k.txt' };
    await replace(kept, domains('k', 2));
    await recordFeedFailure(pool, kept, 'x'.repeat(5_000));
    const status = await getFeedStatus(pool, kept.name);
    expect(status).toMatchObject({ version: 1, entryCount: 2 });
    expect(status?.lastError).toHaveLength(1_000);
    expect(await entriesOf(kept.name)).toEqual(['k0.example', 'k1.example']);
  });
});

describe('loading', () => {
  it('streams every entry of imported feeds in pages, with their versions', async () => {
    const paged: FeedSpec = { name: 'paged', format: 'url-list', source: '/tmp/p.txt' };
    await replace(paged, [
      { kind: 'url', value: 'p.example/1' },
      { kind: 'url', value: 'p.example/2' },
      { kind: 'url', value: 'p.example/3' },
      { kind: 'domain', value: 'p.example' },
      { kind: 'allow', value: 'ok.p.example' },
    ]);
    const seen: string[] = [];
    const versions = await loadAllEntries(
      pool,
      (feed, kind, value) => {
        if (feed === 'paged') seen.push(`${kind} ${value}`);
      },
      2,
    );
    expect(seen.sort()).toEqual([
      'allow ok.p.example',
      'domain p.example',
      'url p.example/1',
      'url p.example/2',
      'url p.example/3',
    ]);
    expect(versions).toEqual(await readFeedVersions(pool));
    // A feed that never imported successfully has nothing to load.
    expect(versions.map((v) => v.name)).not.toContain('never-worked');
    expect(versions.find((v) => v.name === 'paged')).toEqual({ name: 'paged', version: 1 });
  });
});

describe('removeFeed', () => {
  it('deletes the feed and its entries', async () => {
    const gone: FeedSpec = { name: 'gone', format: 'domain-list', source: '/tmp/g.txt' };
    await replace(gone, domains('g', 3));
    expect(await removeFeed(pool, 'gone')).toBe(true);
    expect(await removeFeed(pool, 'gone')).toBe(false);
    expect(await entriesOf('gone')).toEqual([]);
    expect((await listFeedStatuses(pool)).map((s) => s.name)).not.toContain('gone');
  });
});
