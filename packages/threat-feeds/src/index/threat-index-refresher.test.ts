import { createPool, type Pool } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEntry } from '../feed.types.ts';
import { removeFeed, replaceFeedEntries } from '../store/threat-feed.repo.ts';
import { createThreatIndexRefresher } from './threat-index-refresher.ts';

let db: TestDatabase;
let pool: Pool;
const warnings: object[] = [];
const logger = { info: () => undefined, warn: (details: object) => void warnings.push(details) };

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'threat-feeds-refresher-test' });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

function publish(name: string, entries: FeedEntry[]) {
  return replaceFeedEntries(pool, {
    feed: { name, format: 'domain-list', source: `/feeds/${name}` },
    entries,
    rejected: { count: 0, byReason: {}, examples: [] },
    contentSha256: String(Math.random()),
    etag: null,
    lastModified: null,
  });
}

/** Runs one statement as the tables' owner (to break and repair the schema under the app). */
async function asOwner(sql: string): Promise<void> {
  const owner = createPool({ connectionString: db.ownerUrl, max: 1, applicationName: 'threat-feeds-owner' });
  await owner.query(sql);
  await owner.end();
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const hit = (host: string) => [`http://${host}/`, host] as const;

describe('createThreatIndexRefresher', () => {
  it('loads on start, reloads only when a version moves, and swaps the index whole', async () => {
    await publish('alpha', [{ kind: 'domain', value: 'one.example' }]);
    const refresher = createThreatIndexRefresher({ pool, logger, pollIntervalMs: 60_000 });
    await refresher.start();
    const first = refresher.current();
    expect(first.match(...hit('one.example'))).toEqual([{ feed: 'alpha', kind: 'host' }]);
    expect(await refresher.checkNow()).toBe(false);
    expect(refresher.current()).toBe(first);

    await publish('alpha', [{ kind: 'domain', value: 'two.example' }]);
    await publish('beta', [{ kind: 'url', value: 'three.example/x' }]);
    expect(await refresher.checkNow()).toBe(true);
    const second = refresher.current();
    expect(second.match(...hit('two.example'))).toEqual([{ feed: 'alpha', kind: 'host' }]);
    expect(second.match(...hit('one.example'))).toEqual([]);
    expect(second.match('https://three.example/x', 'three.example')).toEqual([{ feed: 'beta', kind: 'url' }]);
    expect(second.feeds).toEqual(['alpha', 'beta']);
    // The old index is untouched: a scan that holds it finishes on consistent data.
    expect(first.match(...hit('one.example'))).toHaveLength(1);

    await removeFeed(pool, 'beta');
    expect(await refresher.checkNow()).toBe(true);
    expect(refresher.current().feeds).toEqual(['alpha']);
    await refresher.stop();
  });

  it('keeps the old index when a reload fails, and recovers on the next poll', async () => {
    const refresher = createThreatIndexRefresher({ pool, logger, pollIntervalMs: 60_000 });
    await refresher.start();
    const before = refresher.current();
    await publish('alpha', [{ kind: 'domain', value: 'later.example' }]);
    await asOwner('ALTER TABLE threat_feed_entries RENAME TO threat_feed_entries_away');
    try {
      expect(await refresher.checkNow()).toBe(false);
      expect(refresher.current()).toBe(before);
      expect(warnings.at(-1)).toMatchObject({
        err: expect.objectContaining({ message: expect.stringMatching(/threat_feed_entries/) }),
      });
    } finally {
      await asOwner('ALTER TABLE threat_feed_entries_away RENAME TO threat_feed_entries');
    }
    expect(await refresher.checkNow()).toBe(true);
    expect(refresher.current().match(...hit('later.example'))).toHaveLength(1);
    await refresher.stop();
  });

  it('polls by itself until stopped', async () => {
    const refresher = createThreatIndexRefresher({ pool, logger, pollIntervalMs: 30 });
    await refresher.start();
    await publish('gamma', [{ kind: 'domain', value: 'polled.example' }]);
    await eventually(() => refresher.current().match(...hit('polled.example')).length === 1);
    await refresher.stop();
    await publish('gamma', [{ kind: 'domain', value: 'after-stop.example' }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(refresher.current().match(...hit('after-stop.example'))).toEqual([]);
  });

  it('rejects start() when the first load fails', async () => {
    const broken = createPool({
      connectionString: db.appUrl.replace(/\/[^/]+$/, '/no_such_db'),
      max: 1,
      applicationName: 't',
    });
    const refresher = createThreatIndexRefresher({ pool: broken, logger, pollIntervalMs: 60_000 });
    await expect(refresher.start()).rejects.toThrow(/no_such_db/);
    await refresher.stop();
    await broken.end();
  });
});
