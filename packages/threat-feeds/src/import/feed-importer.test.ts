import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPool, type Pool } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSpec } from '../feed.types.ts';
import { getFeedStatus } from '../store/threat-feed.repo.ts';
import { importFeed } from './feed-importer.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let db: TestDatabase;
let pool: Pool;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'threat-feeds-import-test' });
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await pool.end();
  await db.drop();
});

async function valuesOf(name: string): Promise<string[]> {
  const { rows } = await pool.query<{ value: string }>(
    'SELECT value FROM threat_feed_entries WHERE feed = $1 ORDER BY value',
    [name],
  );
  return rows.map((r) => r.value);
}

/** Serves `body` at `route` with an ETag; answers 304 when the client already has it. */
function serve(route: string, body: string, etag: string) {
  server.routes.set(route, (req, res) => {
    if (req.headers['if-none-match'] === etag) res.writeHead(304).end();
    else res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(body);
  });
}

describe('importFeed over HTTP', () => {
  const feed: FeedSpec = { name: 'openphish', format: 'url-list', source: '' };

  beforeAll(() => {
    feed.source = server.url('/openphish.txt');
  });

  it('imports, then a 304 keeps the entries and the version', async () => {
    serve('/openphish.txt', 'https://a.example/login\nhttps://b.example/x\nnot a url\n', '"v1"');
    const first = await importFeed({ pool, feed });
    expect(first).toMatchObject({ outcome: 'imported', version: 1, entryCount: 2, duplicates: 0 });
    expect(first.rejected?.byReason).toEqual({ malformed: 1 });
    expect(await valuesOf('openphish')).toEqual(['a.example/login', 'b.example/x']);
    expect(await getFeedStatus(pool, 'openphish')).toMatchObject({
      etag: '"v1"',
      rejectedCount: 1,
      rejectedReasons: { malformed: 1 },
    });

    const second = await importFeed({ pool, feed });
    expect(second).toMatchObject({ outcome: 'not-modified', version: 1, entryCount: 2 });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(await valuesOf('openphish')).toEqual(['a.example/login', 'b.example/x']);
  });

  it('replaces the entries when the content changes, and keeps the version when it does not', async () => {
    serve('/openphish.txt', 'https://c.example/new\n', '"v2"');
    expect(await importFeed({ pool, feed })).toMatchObject({
      outcome: 'imported',
      version: 2,
      entryCount: 1,
    });
    expect(await valuesOf('openphish')).toEqual(['c.example/new']);
    // A new ETag but the same normalised entries: nothing to replace.
    serve('/openphish.txt', '# reordered comment\nhttp://c.example/new/\n', '"v3"');
    expect(await importFeed({ pool, feed })).toMatchObject({ outcome: 'unchanged', version: 2 });
    expect(await getFeedStatus(pool, 'openphish')).toMatchObject({ etag: '"v3"', version: 2 });
    // --force downloads and replaces anyway.
    expect(await importFeed({ pool, feed, options: { force: true } })).toMatchObject({
      outcome: 'imported',
      version: 3,
    });
  });

  it('records an HTTP error, a timeout and an oversized body without touching the entries', async () => {
    server.routes.set('/openphish.txt', (_req, res) => res.writeHead(500).end());
    const failed = await importFeed({ pool, feed });
    expect(failed).toMatchObject({ outcome: 'failed', version: 3, entryCount: 1 });
    expect(failed.error).toBe('cannot read the source: HTTP 500 Internal Server Error');
    expect(await getFeedStatus(pool, 'openphish')).toMatchObject({
      version: 3,
      lastError: expect.stringMatching(/HTTP 500/),
    });

    server.routes.set('/openphish.txt', () => undefined);
    expect((await importFeed({ pool, feed, options: { timeoutMs: 150 } })).error).toMatch(
      /timed out after 150 ms/,
    );

    server.routes.set('/openphish.txt', (_req, res) =>
      res.writeHead(200).end('https://d.example/\n'.repeat(100)),
    );
    expect((await importFeed({ pool, feed, options: { maxBytes: 100 } })).error).toMatch(/over the .* limit/);
    expect(await valuesOf('openphish')).toEqual(['c.example/new']);
  });

  it('refuses a document with no usable entry, and clears the error after a success', async () => {
    serve('/openphish.txt', '<!-- empty -->\nmailto:x@y.example\n\n', '"v9"');
    const empty = await importFeed({ pool, feed });
    expect(empty.outcome).toBe('failed');
    expect(empty.error).toBe('no usable entries: 2 rejected (malformed: 1, unsupported-scheme: 1)');
    expect(await valuesOf('openphish')).toEqual(['c.example/new']);

    serve('/openphish.txt', 'https://e.example/\n', '"v10"');
    expect(await importFeed({ pool, feed })).toMatchObject({ outcome: 'imported', version: 4 });
    expect(await getFeedStatus(pool, 'openphish')).toMatchObject({ lastError: null, lastErrorAt: null });
  });

  it('records a document that cannot be parsed, creating the row of a new feed', async () => {
    server.routes.set('/mm.json', (_req, res) => res.writeHead(200).end('<html>login</html>'));
    const result = await importFeed({
      pool,
      feed: { name: 'mm', format: 'metamask', source: server.url('/mm.json') },
    });
    expect(result).toMatchObject({ outcome: 'failed', version: 0, entryCount: 0 });
    expect(result.error).toMatch(/cannot parse as metamask: MetaMask configuration is not valid JSON/);
    expect(await getFeedStatus(pool, 'mm')).toMatchObject({ version: 0, lastError: result.error });
  });
});

describe('importFeed from a file', () => {
  it('imports a hosts file, then reports the unchanged file as not-modified', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'elara-import-'));
    const file = path.join(dir, 'hosts');
    await writeFile(file, '0.0.0.0 bad.example\n0.0.0.0 worse.example # comment\n');
    const feed: FeedSpec = { name: 'hosts', format: 'domain-list', source: file };
    expect(await importFeed({ pool, feed })).toMatchObject({
      outcome: 'imported',
      version: 1,
      entryCount: 2,
    });
    expect(await importFeed({ pool, feed })).toMatchObject({ outcome: 'not-modified', version: 1 });
    expect(await valuesOf('hosts')).toEqual(['bad.example', 'worse.example']);
  });

  it('refuses an invalid name or format before touching anything', async () => {
    await expect(
      importFeed({ pool, feed: { name: 'Bad Name', format: 'url-list', source: '/x' } }),
    ).rejects.toThrow(/invalid feed name/);
    await expect(
      importFeed({ pool, feed: { name: 'ok', format: 'csv' as FeedSpec['format'], source: '/x' } }),
    ).rejects.toThrow(/unknown feed format: csv/);
    expect(await getFeedStatus(pool, 'ok')).toBeNull();
  });
});
