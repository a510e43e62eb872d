import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testLookup, testServerPolicy } from './http-test-server.ts';
import type { Route, TestServer } from './http-test-server.ts';
import { createRdapClient, registrationDate } from './rdap-client.ts';
import { createSafeRequester } from './safe-request.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
let server: TestServer;
const accepts: string[] = [];

function rdapJson(body: unknown): Route {
  return (req, res) => {
    accepts.push(String(req.headers.accept));
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(JSON.stringify(body));
  };
}

beforeAll(async () => {
  server = await startTestServer({
    // A bootstrap service redirects to the registry's own RDAP server, as rdap.org does.
    'rdap.test/domain/fresh.example': (_req, res) =>
      res.writeHead(302, { location: server.url('registry.test', '/rdap/domain/fresh.example') }).end(),
    'registry.test/rdap/domain/fresh.example': rdapJson({
      objectClassName: 'domain',
      ldhName: 'FRESH.EXAMPLE',
      events: [
        { eventAction: 'last changed', eventDate: '2025-06-29T00:00:00Z' },
        { eventAction: 'registration', eventDate: '2025-06-20T08:00:00Z' },
        { eventAction: 'expiration', eventDate: '2026-06-20T08:00:00Z' },
      ],
    }),
    'rdap.test/domain/old.example': rdapJson({
      events: [{ eventAction: 'registration', eventDate: '1997-09-15T04:00:00Z' }],
    }),
    'rdap.test/domain/noevent.example': rdapJson({
      events: [{ eventAction: 'expiration', eventDate: '2030-01-01' }],
    }),
    'rdap.test/domain/broken.example': (_req, res) => res.writeHead(200).end('{"events": ['),
    'rdap.test/domain/huge.example': rdapJson({ padding: 'x'.repeat(10_000), events: [] }),
  });
});

afterAll(() => server.close());

function client(maxRedirects = 3) {
  const requester = createSafeRequester({
    policy: testServerPolicy,
    lookup: testLookup(),
    maxBodyBytes: 4096,
    userAgent: 'test',
  });
  return createRdapClient({
    requester,
    rdapBaseUrl: `${server.url('rdap.test', '')}/`,
    maxRedirects,
    now: () => NOW,
  });
}

const signal = () => AbortSignal.timeout(5_000);

describe('createRdapClient', () => {
  it('follows the bootstrap redirect and computes whole days since registration', async () => {
    expect(await client().domainAgeDays('fresh.example', signal())).toBe(10);
    expect(accepts.at(-1)).toContain('application/rdap+json');
  });

  it('handles old domains', async () => {
    expect(await client().domainAgeDays('old.example', signal())).toBeGreaterThan(10_000);
  });

  it.each(['noevent.example', 'broken.example', 'huge.example', 'missing.example'])(
    'has no age for %s',
    async (domain) => {
      expect(await client().domainAgeDays(domain, signal())).toBeNull();
    },
  );

  it('gives up after maxRedirects', async () => {
    expect(await client(0).domainAgeDays('fresh.example', signal())).toBeNull();
  });

  it('never puts anything but a domain name into the query path', async () => {
    server.hits.length = 0;
    expect(await client().domainAgeDays('../admin', signal())).toBeNull();
    expect(await client().domainAgeDays('x.example/../../admin', signal())).toBeNull();
    expect(server.hits).toEqual([]);
  });
});

describe('registrationDate', () => {
  it('reads the registration event', () => {
    expect(
      registrationDate({ events: [{ eventAction: 'registration', eventDate: '2024-01-02T03:04:05Z' }] }),
    ).toEqual(new Date('2024-01-02T03:04:05Z'));
  });

  it.each([
    null,
    'x',
    {},
    { events: 'no' },
    { events: [{ eventAction: 'registration', eventDate: 'not a date' }] },
  ])('returns null for %j', (body) => {
    expect(registrationDate(body)).toBeNull();
  });
});
