import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { kubeStatus } from './kube-status.ts';
import { createLeaseStore, type LeaseSpecJson, type StoredLease, type StoreResult } from './lease-store.ts';

export type { LeaseSpecJson, StoredLease } from './lease-store.ts';

/** What the fake does to every request while set: answer 500, never answer, or drop the connection. */
export type FakeLeaseApiFault = 'error' | 'hang' | 'reset';

export interface FakeLeaseApiRequest {
  method: string;
  path: string;
  /** The HTTP status answered, or what a fault did instead. */
  outcome: number | 'hung' | 'reset';
}

export interface FakeLeaseApiOptions {
  /** The bearer token every request must carry (a ServiceAccount token in a cluster). */
  token: string;
  /** Serve HTTPS with this key and certificate (PEM), as kube-apiserver does. */
  tls?: { key: string; cert: string };
}

const LEASES_PATH = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return undefined;
  }
}

/** Holds the next `count` requests of one method until all of them arrived, then lets them go together. */
function createGates() {
  const gates = new Map<string, { count: number; waiting: (() => void)[] }>();
  return {
    add(method: string, count: number) {
      gates.set(method, { count, waiting: [] });
    },
    pass(method: string): Promise<void> {
      const gate = gates.get(method);
      if (!gate) return Promise.resolve();
      return new Promise((resolve) => {
        gate.waiting.push(resolve);
        if (gate.waiting.length < gate.count) return;
        gates.delete(method);
        for (const release of gate.waiting) release();
      });
    },
  };
}

/**
 * A local HTTP server speaking the part of the Kubernetes API that leader election uses: GET, POST
 * and PUT on `coordination.k8s.io/v1` Leases, with bearer-token auth, resourceVersion concurrency and
 * Status errors (see `lease-store.ts`). Tests drive it with faults, gates and seeded leases.
 */
export async function startFakeLeaseApi(options: FakeLeaseApiOptions) {
  const store = createLeaseStore();
  const gates = createGates();
  const log: FakeLeaseApiRequest[] = [];
  const hung = new Set<ServerResponse>();
  let fault: FakeLeaseApiFault | null = null;

  function applyFault(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (fault === null) return false;
    if (fault === 'error') {
      log.push({ method: req.method ?? '', path, outcome: 500 });
      sendJson(res, 500, kubeStatus.internalError());
    } else if (fault === 'hang') {
      log.push({ method: req.method ?? '', path, outcome: 'hung' });
      hung.add(res);
      res.on('close', () => hung.delete(res));
    } else {
      log.push({ method: req.method ?? '', path, outcome: 'reset' });
      req.socket.destroy();
    }
    return true;
  }

  async function route(
    method: string,
    namespace: string,
    name: string | undefined,
    req: IncomingMessage,
  ): Promise<StoreResult> {
    if (method === 'GET' && name) {
      const lease = store.get(namespace, name);
      return lease ? { status: 200, lease } : { status: 404, error: kubeStatus.notFound(name) };
    }
    if (method !== 'POST' && method !== 'PUT') return { status: 405, error: kubeStatus.methodNotAllowed() };
    if (method === 'POST' && name) return { status: 405, error: kubeStatus.methodNotAllowed() };
    if (method === 'PUT' && !name) return { status: 405, error: kubeStatus.methodNotAllowed() };
    const body = await readJson(req);
    if (!body || typeof body !== 'object')
      return { status: 400, error: kubeStatus.badRequest('the request body is not a JSON object') };
    await gates.pass(method);
    return method === 'POST' ? store.create(namespace, body) : store.replace(namespace, name ?? '', body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (applyFault(req, res, path)) return;
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      log.push({ method, path, outcome: 401 });
      return sendJson(res, 401, kubeStatus.unauthorized());
    }
    const match = LEASES_PATH.exec(path);
    if (!match) {
      log.push({ method, path, outcome: 404 });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    if (method === 'GET') await gates.pass(method);
    const result: StoreResult = await route(method, match[1] ?? '', match[2], req);
    log.push({ method, path, outcome: result.status });
    sendJson(res, result.status, 'lease' in result ? result.lease : result.error);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, kubeStatus.internalError());
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** Origin of the API server, e.g. `http://127.0.0.1:41234`. */
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    /** The stored lease as the API would return it, or undefined. */
    lease: (namespace: string, name: string): StoredLease | undefined => store.get(namespace, name),
    /** Writes a lease as if another client had (bumping its resourceVersion). */
    seed: (namespace: string, name: string, spec: LeaseSpecJson): StoredLease =>
      store.seed(namespace, name, spec),
    /** Every request so far, in the order answered. */
    requests: (): readonly FakeLeaseApiRequest[] => log,
    /** Applies a fault to every request from now on; null heals the server and ends hung requests. */
    setFault(next: FakeLeaseApiFault | null): void {
      fault = next;
      if (next === null) for (const res of hung) res.destroy();
    },
    /** Holds the next `count` requests of `method` until all have arrived (to force a race). */
    gate: (method: 'GET' | 'POST' | 'PUT', count: number): void => gates.add(method, count),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeLeaseApi = Awaited<ReturnType<typeof startFakeLeaseApi>>;
