import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, startTestServer, testServerPolicy } from './http-test-server.ts';
import type { TestServer } from './http-test-server.ts';
import type { HostLookup } from './link-inspection.types.ts';
import { createSafeRequester, LinkRefusedError } from './safe-request.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ 'site.test/': page('x'.repeat(1000)), 'site.test/small': page('hello') });
});

afterAll(() => server.close());

function requester(lookup: HostLookup, maxBodyBytes = 100) {
  return createSafeRequester({ policy: testServerPolicy, lookup, maxBodyBytes, userAgent: 'test' });
}

const loopback: HostLookup = async () => [{ address: '127.0.0.1', family: 4 }];
const get = (url: string, readBody = true) => ({
  url: new URL(url),
  method: 'GET' as const,
  signal: AbortSignal.timeout(5_000),
  readBody,
});

describe('createSafeRequester', () => {
  it('resolves each host once and connects to that vetted address, whatever DNS says next', async () => {
    const calls: string[] = [];
    // A rebinding resolver: the first answer passes the policy, every later one is private.
    const rebinding: HostLookup = async (hostname) => {
      calls.push(hostname);
      return [{ address: calls.length === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const response = await requester(rebinding).request(get(server.url('site.test', '/small')));
    expect(response).toMatchObject({ status: 200, truncated: false });
    expect(response.body.toString()).toBe('hello');
    expect(calls).toEqual(['site.test']);
  });

  it('refuses a host when any of its addresses is not allowed, before connecting', async () => {
    const mixed: HostLookup = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];
    server.hits.length = 0;
    await expect(requester(mixed).request(get(server.url('site.test', '/small')))).rejects.toThrow(
      LinkRefusedError,
    );
    expect(server.hits).toEqual([]);
  });

  it.each([
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses the literal address %s without a DNS lookup', async (url) => {
    const calls: string[] = [];
    const counting: HostLookup = async (hostname) => {
      calls.push(hostname);
      return [];
    };
    await expect(requester(counting).request(get(url))).rejects.toThrow(LinkRefusedError);
    expect(calls).toEqual([]);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(requester(loopback).request(get('ftp://site.test/x'))).rejects.toThrow(LinkRefusedError);
  });

  it('refuses ports the policy does not allow', async () => {
    const strict = createSafeRequester({
      policy: { ...testServerPolicy, allowsPort: (port) => port === 443 },
      lookup: loopback,
      maxBodyBytes: 100,
      userAgent: 'test',
    });
    await expect(strict.request(get(server.url('site.test', '/small')))).rejects.toThrow(/port/);
  });

  it('reads at most maxBodyBytes and says when it cut the body', async () => {
    const response = await requester(loopback).request(get(server.url('site.test', '/')));
    expect(response.body.length).toBe(100);
    expect(response.truncated).toBe(true);
  });

  it('drops the body unless asked for it', async () => {
    const response = await requester(loopback).request(get(server.url('site.test', '/'), false));
    expect(response.body.length).toBe(0);
  });

  it('fails when DNS cannot resolve the host', async () => {
    const nowhere: HostLookup = async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    };
    await expect(requester(nowhere).request(get('http://nowhere.test/'))).rejects.toThrow(/ENOTFOUND/);
  });
});
