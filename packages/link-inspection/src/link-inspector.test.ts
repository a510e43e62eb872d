import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAddressPolicy } from './address-policy.ts';
import { page, startTestServer, testLookup, testServerPolicy } from './http-test-server.ts';
import type { Route, TestServer } from './http-test-server.ts';
import type { LinkTarget } from './link-inspection.types.ts';
import { createLinkInspector } from './link-inspector.ts';
import type { LinkInspectorOptions } from './link-inspector.ts';

const NOW = Date.parse('2025-06-30T00:00:00Z');
let server: TestServer;
/** Requests that reached the "internal" endpoints an attacker would aim at; must stay empty. */
const internalHits: string[] = [];

function to(url: () => string, status = 302): Route {
  return (_req, res) => res.writeHead(status, { location: url() }).end();
}

function rdapRegistered(date: string): Route {
  return (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/rdap+json' })
      .end(JSON.stringify({ events: [{ eventAction: 'registration', eventDate: date }] }));
}

beforeAll(async () => {
  server = await startTestServer({
    // A shortener that goes through several hops before landing.
    'bit.test/abc': to(() => server.url('t.bit.test', '/next')),
    't.bit.test/next': to(() => server.url('track.test', '/c?id=1'), 301),
    'track.test/c': to(() => server.url('login.phish.test', '/verify')),
    'login.phish.test/verify': page('<form>password</form>'),
    // A loop between two shorteners.
    'bit.test/loop': to(() => server.url('bit.test', '/loop2')),
    'bit.test/loop2': to(() => server.url('bit.test', '/loop')),
    // Redirects aimed at internal addresses.
    'bit.test/to-loopback': to(() => `http://127.0.0.1:${server.port}/admin`),
    'bit.test/to-localhost': to(() => `http://localhost:${server.port}/admin`),
    'bit.test/to-ipv6-loopback': to(() => `http://[::1]:${server.port}/admin`),
    'bit.test/to-private': to(() => 'http://10.0.0.1/admin'),
    'bit.test/to-metadata': to(() => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    'bit.test/to-decimal-loopback': to(() => `http://2130706433:${server.port}/admin`),
    '127.0.0.1/admin': (_req, res) => {
      internalHits.push('admin');
      res.writeHead(200).end('secret');
    },
    localhost: (_req, res) => {
      internalHits.push('localhost');
      res.writeHead(200).end('secret');
    },
    // A shortener whose landing page is slow, and a shortener that is slow itself.
    'bit.test/to-slow': to(() => server.url('slow.test', '/landing')),
    'slow.test': () => {
      // Never answers; the inspector's deadline must end the wait.
    },
    'bit.test/slow': () => {},
    // RDAP.
    'rdap.test/domain/phish.test': rdapRegistered('2025-06-25T00:00:00Z'),
    'rdap.test/domain/bit.test': rdapRegistered('2008-01-01T00:00:00Z'),
    'rdap.test/domain/old.test': rdapRegistered('2001-01-01T00:00:00Z'),
  });
});

afterAll(() => server.close());

/** Registrable domain for the made-up hosts: the last two labels. */
const lastTwoLabels = (host: string) => host.split('.').slice(-2).join('.');

function inspector(overrides: Partial<LinkInspectorOptions> = {}) {
  return createLinkInspector({
    expandShorteners: true,
    rdap: false,
    timeoutMs: 1_500,
    maxRedirects: 5,
    cacheTtlMs: 60_000,
    rdapBaseUrl: server.url('rdap.test', ''),
    shortenerHosts: ['bit.test'],
    registrableDomain: lastTwoLabels,
    addressPolicy: testServerPolicy,
    lookup: testLookup(),
    now: () => NOW,
    ...overrides,
  });
}

function link(host: string, path: string): LinkTarget {
  return { url: server.url(host, path), host };
}

describe('createLinkInspector: shortener expansion', () => {
  it('follows a shortener through several hops to where it really leads', async () => {
    const abc = link('bit.test', '/abc');
    const facts = await inspector().inspect([abc]);
    expect(facts.get(abc.url)).toEqual({ finalUrl: server.url('login.phish.test', '/verify'), redirects: 3 });
  });

  it('expands only links on shortener hosts (and their subdomains)', async () => {
    server.hits.length = 0;
    const facts = await inspector().inspect([link('track.test', '/c')]);
    expect(facts.size).toBe(0);
    expect(server.hits).toEqual([]);
  });

  it('ends a redirect loop and still answers', async () => {
    server.hits.length = 0;
    const loop = link('bit.test', '/loop');
    const facts = await inspector().inspect([loop]);
    expect(facts.get(loop.url)).toEqual({ redirects: 2 });
    expect(server.hits.length).toBeLessThanOrEqual(4);
  });

  it('caches answers: a second inspection sends no request', async () => {
    const cachedInspector = inspector();
    const abc = link('bit.test', '/abc');
    await cachedInspector.inspect([abc]);
    server.hits.length = 0;
    const again = await cachedInspector.inspect([abc, abc]);
    expect(again.get(abc.url)?.finalUrl).toBe(server.url('login.phish.test', '/verify'));
    expect(server.hits).toEqual([]);
  });

  it('does nothing when both steps are off (the default in config)', async () => {
    const calls: string[] = [];
    server.hits.length = 0;
    const off = inspector({ expandShorteners: false, rdap: false, lookup: testLookup(calls) });
    expect((await off.inspect([link('bit.test', '/abc')])).size).toBe(0);
    expect(calls).toEqual([]);
    expect(server.hits).toEqual([]);
  });
});

describe('createLinkInspector: SSRF protection', () => {
  it.each([
    ['/to-loopback', () => `http://127.0.0.1:${server.port}/admin`],
    ['/to-localhost', () => `http://localhost:${server.port}/admin`],
    ['/to-ipv6-loopback', () => `http://[::1]:${server.port}/admin`],
    ['/to-private', () => 'http://10.0.0.1/admin'],
    ['/to-metadata', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['/to-decimal-loopback', () => `http://127.0.0.1:${server.port}/admin`],
  ])('refuses to follow %s, reporting where it pointed', async (path, target) => {
    internalHits.length = 0;
    const start = link('bit.test', path);
    const facts = await inspector().inspect([start]);
    expect(internalHits).toEqual([]);
    expect(facts.get(start.url)).toEqual({ finalUrl: target(), redirects: 1 });
  });

  it('refuses loopback under the default address policy, before any connection', async () => {
    server.hits.length = 0;
    const errors: unknown[] = [];
    const defaults = inspector({
      addressPolicy: { ...defaultAddressPolicy, allowsPort: () => true },
      onError: (error) => errors.push(error),
    });
    const start = link('bit.test', '/abc');
    expect((await defaults.inspect([start])).size).toBe(0);
    expect(server.hits).toEqual([]);
    expect(String(errors[0])).toMatch(/address not allowed/);
  });

  it('refuses the test server port under the default policy too', async () => {
    server.hits.length = 0;
    const defaults = inspector({
      addressPolicy: { ...testServerPolicy, allowsPort: defaultAddressPolicy.allowsPort },
    });
    expect((await defaults.inspect([link('bit.test', '/abc')])).size).toBe(0);
    expect(server.hits).toEqual([]);
  });
});

describe('createLinkInspector: deadlines and failures', () => {
  it('keeps what it learned when a later hop hangs, within the timeout', async () => {
    const start = link('bit.test', '/to-slow');
    const began = Date.now();
    const facts = await inspector({ timeoutMs: 300 }).inspect([start]);
    expect(Date.now() - began).toBeLessThan(1_500);
    expect(facts.get(start.url)).toEqual({ finalUrl: server.url('slow.test', '/landing'), redirects: 1 });
  });

  it('gives no facts for a link whose first hop hangs, and answers the others', async () => {
    const slow = link('bit.test', '/slow');
    const abc = link('bit.test', '/abc');
    const began = Date.now();
    const facts = await inspector({ timeoutMs: 300 }).inspect([slow, abc]);
    expect(Date.now() - began).toBeLessThan(1_500);
    expect(facts.has(slow.url)).toBe(false);
    expect(facts.get(abc.url)?.redirects).toBe(3);
  });

  it('never throws: unknown hosts, broken URLs and a throwing resolver give no facts', async () => {
    const throwing = inspector({
      rdap: true,
      lookup: () => {
        throw new Error('resolver crashed');
      },
    });
    const links = [
      { url: 'http://nowhere.bit.test/x', host: 'nowhere.bit.test' },
      { url: 'not a url', host: 'bit.test' },
    ];
    await expect(throwing.inspect(links)).resolves.toEqual(new Map());
    await expect(inspector().inspect([{ url: 'http://gone.example/x', host: 'bit.test' }])).resolves.toEqual(
      new Map(),
    );
  });
});

describe('createLinkInspector: domain age over RDAP', () => {
  it('gives the age of the domain a shortener leads to, not of the shortener', async () => {
    const start = link('bit.test', '/abc');
    const facts = await inspector({ rdap: true }).inspect([start]);
    expect(facts.get(start.url)).toEqual({
      finalUrl: server.url('login.phish.test', '/verify'),
      redirects: 3,
      domainAgeDays: 5,
    });
  });

  it('gives the age of an ordinary link domain, with expansion off', async () => {
    const start = link('www.old.test', '/');
    const facts = await inspector({ expandShorteners: false, rdap: true }).inspect([start]);
    expect(facts.get(start.url)).toEqual({ domainAgeDays: 8_946 });
  });

  it('asks RDAP once per domain while the answer is cached', async () => {
    const rdapInspector = inspector({ expandShorteners: false, rdap: true });
    server.hits.length = 0;
    await rdapInspector.inspect([link('a.old.test', '/'), link('b.old.test', '/x')]);
    await rdapInspector.inspect([link('c.old.test', '/')]);
    expect(server.hits.filter((hit) => hit.includes('rdap.test'))).toEqual(['GET rdap.test/domain/old.test']);
  });

  it('skips RDAP for hosts without a registrable domain', async () => {
    server.hits.length = 0;
    const facts = await inspector({
      expandShorteners: false,
      rdap: true,
      registrableDomain: () => null,
    }).inspect([link('old.test', '/')]);
    expect(facts.size).toBe(0);
    expect(server.hits).toEqual([]);
  });
});
