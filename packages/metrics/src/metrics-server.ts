import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Kubernetes probes for processes without a public HTTP server (worker, scheduler). */
export interface ProbeChecks {
  /** Resolves when the process can do its work (Postgres, Redis…); rejects with the reason. */
  ready: () => Promise<void>;
  /** True once shutdown began: readiness fails at once, liveness still answers. */
  isShuttingDown?: () => boolean;
}

export interface StartMetricsServerInput {
  registry: Registry;
  host: string;
  /** 0 here means "any free port"; services skip calling this when `METRICS_PORT` is 0. */
  port: number;
  /** Adds `GET /health/live` (the process answers) and `GET /health/ready` (`probes.ready`). */
  probes?: ProbeChecks;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Liveness never looks past the process: a Postgres outage must not restart every pod. */
async function answerProbe(path: string, probes: ProbeChecks, res: ServerResponse): Promise<void> {
  if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
  if (probes.isShuttingDown?.()) return sendJson(res, 503, { status: 'shutting_down' });
  try {
    await probes.ready();
    sendJson(res, 200, { status: 'ready' });
  } catch (error) {
    sendJson(res, 503, { status: 'unavailable', reason: (error as Error).message.slice(0, 200) });
  }
}

/**
 * A tiny HTTP server answering `GET /metrics` in the Prometheus text format, on its own port so
 * public traffic never reaches it, and the health probes when given. Anything else is 404.
 */
export async function startMetricsServer({
  registry,
  host,
  port,
  probes,
}: StartMetricsServerInput): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (probes && readOnly && (path === '/health/live' || path === '/health/ready')) {
      void answerProbe(path, probes, res);
      return;
    }
    if (path !== '/metrics' || !readOnly) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
