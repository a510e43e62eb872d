import { createPool, type Pool } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadThreatIndex } from '../index/threat-index-refresher.ts';
import { listFeedStatuses } from '../store/threat-feed.repo.ts';
import { feedsToRefresh, METAMASK_FEED, refreshThreatFeeds } from './feed-refresh.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let db: TestDatabase;
let pool: Pool;
let server: TestServer;
const logs: { level: string; details: object; message: string }[] = [];
const logger = {
  info: (details: object, message: string) => logs.push({ level: 'info', details, message }),
  warn: (details: object, message: string) => logs.push({ level: 'warn', details, message }),
};

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'threat-feeds-refresh-test' });
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await pool.end();
  await db.drop();
});

describe('feedsToRefresh', () => {
  it('adds the built-in MetaMask feed unless a configured feed takes its name', () => {
    const mine = { name: 'mine', format: 'url-list' as const, source: 'https://feeds.example/x' };
    expect(feedsToRefresh([mine]).map((f) => f.name)).toEqual([METAMASK_FEED, 'mine']);
    expect(feedsToRefresh([mine])[0]?.source).toMatch(/eth-phishing-detect[\\/]src[\\/]config\.json$/);
    const override = {
      name: METAMASK_FEED,
      format: 'metamask' as const,
      source: 'https://feeds.example/mm.json',
    };
    expect(feedsToRefresh([override])).toEqual([override]);
  });
});

describe('refreshThreatFeeds', () => {
  it('imports the built-in feed with no network and every configured feed, one failure not stopping the rest', async () => {
    server.routes.set('/list.txt', (_req, res) => res.writeHead(200).end('https://evil.example/login\n'));
    server.routes.set('/down.txt', (_req, res) => res.writeHead(502).end());
    const results = await refreshThreatFeeds({
      pool,
      logger,
      feeds: [
        { name: 'down', format: 'url-list', source: server.url('/down.txt') },
        { name: 'list', format: 'url-list', source: server.url('/list.txt') },
      ],
    });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      [METAMASK_FEED, 'imported'],
      ['down', 'failed'],
      ['list', 'imported'],
    ]);
    expect(results[0]!.entryCount).toBeGreaterThan(13_000);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.details)).toEqual([
      expect.objectContaining({ feed: 'down', error: expect.stringMatching(/HTTP 502/) }),
    ]);
    const statuses = await listFeedStatuses(pool);
    expect(statuses.map((s) => [s.name, s.version])).toEqual([
      ['down', 0],
      ['list', 1],
      [METAMASK_FEED, 1],
    ]);

    const { index } = await loadThreatIndex(pool);
    expect(index.match('https://nfts-mints.com/claim', 'nfts-mints.com')).toEqual([
      { feed: METAMASK_FEED, kind: 'host' },
    ]);
    expect(index.match('https://mint.nfts-mints.com/', 'mint.nfts-mints.com')).toEqual([
      { feed: METAMASK_FEED, kind: 'domain' },
    ]);
    // Listed and whitelisted by MetaMask: the whitelist wins, as in MetaMask's own detector.
    expect(index.match('https://metmask.com/', 'metmask.com')).toEqual([]);
    expect(index.match('https://evil.example/login', 'evil.example')).toEqual([
      { feed: 'list', kind: 'url' },
    ]);
  });

  it('does not re-import an unchanged built-in file', async () => {
    const [metamask] = await refreshThreatFeeds({ pool, logger, feeds: [] });
    expect(metamask).toMatchObject({ name: METAMASK_FEED, outcome: 'not-modified', version: 1 });
  });
});
