// Test support only (imported by *.test.ts): one real HTTP server on 127.0.0.1 that answers for
// many made-up host names, routed by the Host header, and counts every request it receives.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AddressPolicy, HostLookup } from './link-inspection.types.ts';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  port: number;
  /** "http://<host>:<port><path>" for a made-up host served here. */
  url(host: string, path?: string): string;
  /** Requests received, as "METHOD host/path". */
  hits: string[];
  close(): Promise<void>;
}

/** Starts a server; `routes` maps "host/path" (or "host" for any path) to a handler. */
export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.push(`${req.method} ${host}${path}`);
    const route = routes[`${host}${path}`] ?? routes[host];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A redirect answer. */
export function redirect(location: string, status = 302): Route {
  return (_req, res) => res.writeHead(status, { location }).end();
}

/** A plain 200 page. */
export function page(body = 'ok', contentType = 'text/html'): Route {
  return (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(body);
}

/**
 * DNS for the tests: every "*.test" name resolves to 127.0.0.1, "localhost" too (as it would for
 * real), anything else does not exist. Counts lookups per name.
 */
export function testLookup(calls: string[] = []): HostLookup {
  return async (hostname) => {
    calls.push(hostname);
    if (hostname.endsWith('.test') || hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };
}

/**
 * The only exception the tests make to the default policy: loopback, and only when reached
 * through a made-up "*.test" name, on any port. A literal 127.0.0.1, "localhost", 10.0.0.1 or
 * 169.254.169.254 stays refused.
 */
export const testServerPolicy: AddressPolicy = {
  allowsAddress: (address, hostname) => address === '127.0.0.1' && hostname.endsWith('.test'),
  allowsPort: () => true,
};
