import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';

let server: MetricsServer;
const metrics = createMetrics({ service: 'api' });

beforeAll(async () => {
  server = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());

describe('startMetricsServer', () => {
  it('serves the registry in the Prometheus text format over real HTTP', async () => {
    metrics.verdicts.inc({ verdict: 'spam', tenant_id: 't' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toContain('# TYPE elara_verdicts_total counter');
    expect(body).toContain('elara_verdicts_total{verdict="spam",tenant_id="t",service="api"} 1');
    expect(body).toContain('elara_process_cpu_seconds_total');
  });

  it('answers 404 to any other path or method', async () => {
    const base = server.url.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metricsx`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}?x=1`)).status).toBe(200);
  });
});

describe('startMetricsServer with probes', () => {
  it('answers liveness always and readiness from the check, failing it during shutdown', async () => {
    let dependencyDown = false;
    let shuttingDown = false;
    const probed = await startMetricsServer({
      registry: metrics.registry,
      host: '127.0.0.1',
      port: 0,
      probes: {
        ready: async () => {
          if (dependencyDown) throw new Error('redis: connection refused');
        },
        isShuttingDown: () => shuttingDown,
      },
    });
    const base = probed.url.replace(/\/metrics$/, '');
    try {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect(await (await fetch(`${base}/health/ready`)).json()).toEqual({ status: 'ready' });
      dependencyDown = true;
      const down = await fetch(`${base}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', reason: 'redis: connection refused' });
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      dependencyDown = false;
      shuttingDown = true;
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health/ready`, { method: 'POST' })).status).toBe(404);
    } finally {
      await probed.close();
    }
  });

  it('has no health routes unless probes are given', async () => {
    const base = server.url.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/health/live`)).status).toBe(404);
  });
});
