import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedSource } from './feed-source.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const options = { timeoutMs: 2_000, maxBytes: 1_000 };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('readFeedSource over HTTP', () => {
  it('returns the body and its validators', async () => {
    server.routes.set('/ok', (_req, res) =>
      res
        .writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' })
        .end('http://a.example/\n'),
    );
    expect(await readFeedSource(server.url('/ok'), options)).toEqual({
      status: 'ok',
      text: 'http://a.example/\n',
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
  });

  it('sends If-None-Match and If-Modified-Since, and reads 304 as not-modified', async () => {
    server.routes.set('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200).end('x');
    });
    const result = await readFeedSource(server.url('/cond'), {
      ...options,
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    expect(result).toEqual({ status: 'not-modified' });
    expect(server.requests.at(-1)?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
  });

  it('fails with the HTTP status', async () => {
    server.routes.set('/broken', (_req, res) => res.writeHead(503).end('down'));
    await expect(readFeedSource(server.url('/broken'), options)).rejects.toThrow(/HTTP 503/);
    await expect(readFeedSource(server.url('/missing'), options)).rejects.toThrow(/HTTP 404/);
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    server.routes.set('/declared', (_req, res) =>
      res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5_000)),
    );
    await expect(readFeedSource(server.url('/declared'), options)).rejects.toThrow(/over the 0\.0 MiB limit/);
    server.routes.set('/streamed', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i += 1) res.write('y'.repeat(500));
      res.end();
    });
    await expect(readFeedSource(server.url('/streamed'), options)).rejects.toThrow(/over the .* limit/);
  });

  it('times out a server that does not answer, or stalls mid-body', async () => {
    server.routes.set('/silent', () => undefined);
    await expect(readFeedSource(server.url('/silent'), { ...options, timeoutMs: 200 })).rejects.toThrow(
      /timed out after 200 ms/,
    );
    server.routes.set('/stall', (_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    await expect(readFeedSource(server.url('/stall'), { ...options, timeoutMs: 200 })).rejects.toThrow(
      /timed out after 200 ms/,
    );
  });

  it('says when nothing listens', async () => {
    const closed = await startTestServer();
    await closed.close();
    await expect(readFeedSource(closed.url('/feed'), options)).rejects.toThrow(
      /fetch failed \(ECONNREFUSED\)/,
    );
  });
});

describe('readFeedSource from a file', () => {
  it('reads a path or a file:// URL, and reports an unchanged file as not-modified', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'elara-feed-'));
    const file = path.join(dir, 'list.txt');
    await writeFile(file, 'bad.example\n');
    const first = await readFeedSource(file, options);
    expect(first).toMatchObject({ status: 'ok', text: 'bad.example\n' });
    const etag = first.status === 'ok' ? first.etag : null;
    expect(await readFeedSource(pathToFileURL(file).href, { ...options, etag })).toEqual({
      status: 'not-modified',
    });
    await writeFile(file, 'other.example\n');
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect(await readFeedSource(file, { ...options, etag })).toMatchObject({
      status: 'ok',
      text: 'other.example\n',
    });
  });

  it('fails clearly for a missing file, a directory or a file over the limit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'elara-feed-'));
    await expect(readFeedSource(path.join(dir, 'nope.txt'), options)).rejects.toThrow(/ENOENT/);
    await expect(readFeedSource(dir, options)).rejects.toThrow(/is not a file/);
    const big = path.join(dir, 'big.txt');
    await writeFile(big, 'z'.repeat(2_000));
    await expect(readFeedSource(big, options)).rejects.toThrow(/over the .* limit/);
  });
});
