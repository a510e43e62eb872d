import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, redirect, startTestServer, testLookup, testServerPolicy } from './http-test-server.ts';
import type { Route, TestServer } from './http-test-server.ts';
import { createRedirectFollower, metaRefreshTarget } from './redirect-follower.ts';
import { createSafeRequester, LinkRefusedError } from './safe-request.ts';

let server: TestServer;

/** A redirect to a made-up host on the test server, whose port is only known once it listens. */
function to(host: string, path: string, status = 302): Route {
  return (_req, res) => res.writeHead(status, { location: server.url(host, path) }).end();
}

beforeAll(async () => {
  server = await startTestServer({
    'short.test/abc': redirect('/hop'),
    'short.test/hop': to('hop.test', '/two', 301),
    'hop.test/two': to('landing.test', '/page?x=1', 307),
    'landing.test/page': page(),
    'nohead.test/x': (req, res) => {
      if (req.method === 'HEAD') res.writeHead(405).end();
      else to('landing.test', '/page?x=1')(req, res);
    },
    'ftp.test/x': redirect('ftp://files.example.com/x'),
    'nolocation.test/x': (_req, res) => res.writeHead(302).end(),
  });
});

afterAll(() => server.close());

function follower(maxRedirects = 5) {
  const requester = createSafeRequester({
    policy: testServerPolicy,
    lookup: testLookup(),
    maxBodyBytes: 4096,
    userAgent: 'test',
  });
  return createRedirectFollower({ requester, maxRedirects, isShortener: (host) => host !== 'landing.test' });
}

const signal = () => AbortSignal.timeout(5_000);

describe('createRedirectFollower', () => {
  it('follows relative and absolute redirects through several hosts', async () => {
    const chain = await follower().follow(server.url('short.test', '/abc'), signal());
    expect(chain).toEqual({
      finalUrl: server.url('landing.test', '/page?x=1'),
      redirects: 3,
      complete: true,
    });
  });

  it('uses HEAD, and GET only where HEAD is refused or a shortener may refresh', async () => {
    server.hits.length = 0;
    await follower().follow(server.url('nohead.test', '/x'), signal());
    expect(server.hits).toEqual(['HEAD nohead.test/x', 'GET nohead.test/x', 'HEAD landing.test/page']);
  });

  it('follows a meta-refresh interstitial on a shortener', async () => {
    // The page body names the port, which is only known once the server listens.
    const meta = await startTestServer({
      'meta.test/x': page(
        `<html><head><META content="0; URL='http://landing.test:${server.port}/page?x=1&amp;y=2'" http-equiv="Refresh"></head></html>`,
      ),
    });
    try {
      const chain = await follower().follow(meta.url('meta.test', '/x'), signal());
      expect(chain.finalUrl).toBe(server.url('landing.test', '/page?x=1&y=2'));
      expect(chain.redirects).toBe(1);
    } finally {
      await meta.close();
    }
  });

  it('stops at more than maxRedirects, reporting where the next hop pointed without going there', async () => {
    server.hits.length = 0;
    const chain = await follower(1).follow(server.url('short.test', '/abc'), signal());
    expect(chain).toEqual({ finalUrl: server.url('hop.test', '/two'), redirects: 2, complete: true });
    expect(server.hits.some((hit) => hit.includes('hop.test'))).toBe(false);
  });

  it('does not follow non-http schemes or a redirect without a Location', async () => {
    expect(await follower().follow(server.url('ftp.test', '/x'), signal())).toEqual({
      finalUrl: server.url('ftp.test', '/x'),
      redirects: 1,
      complete: true,
    });
    expect((await follower().follow(server.url('nolocation.test', '/x'), signal())).redirects).toBe(0);
  });

  it('rejects when the very first hop is refused', async () => {
    await expect(follower().follow('http://127.0.0.1:9/x', signal())).rejects.toThrow(LinkRefusedError);
  });
});

describe('metaRefreshTarget', () => {
  it.each([
    ['<meta http-equiv="refresh" content="0;url=https://a.example/x">', 'https://a.example/x'],
    ["<meta content='5; URL=https://a.example/y' http-equiv='refresh'>", 'https://a.example/y'],
    ['<META HTTP-EQUIV=Refresh CONTENT="0; url=/relative">', '/relative'],
  ])('reads %s', (html, target) => {
    expect(metaRefreshTarget(html)).toBe(target);
  });

  it.each(['<meta name="description" content="url=https://a.example">', '<p>refresh url=x</p>', ''])(
    'ignores %j',
    (html) => {
      expect(metaRefreshTarget(html)).toBeNull();
    },
  );
});
