import { ENTRY_POINTS, spawnService } from '@elara/testkit/processes';
import { startRedisServer, type OwnRedisServer } from '@elara/testkit/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let evictingRedis: OwnRedisServer;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  evictingRedis = await startRedisServer(['--maxmemory-policy', 'allkeys-lru']);
});
afterAll(async () => {
  await stack.close(); // first: its workers must reach their Redis to close
  await evictingRedis.stop();
});

describe('worker start-up checks', () => {
  it('refuses to start on a Redis that may evict queued jobs, saying why', async () => {
    const worker = spawnService('worker', ENTRY_POINTS.worker, {
      env: { ...stack.env, REDIS_URL: evictingRedis.url, LOG_LEVEL: 'info' },
    });
    const exitCode = await worker.exited;
    expect(exitCode).not.toBe(0);
    expect(worker.output()).toMatch(/Redis is not fit for queues: maxmemory-policy is allkeys-lru/);
  });

  it('starts on the same Redis when the operator waives the check', async () => {
    const worker = await stack.startWorker({
      REDIS_URL: evictingRedis.url,
      REDIS_REQUIRE_NOEVICTION: 'false',
    });
    expect(worker.workers.length).toBeGreaterThan(0);
  });

  it('refuses a Redis without an append-only file when AOF is required', async () => {
    await expect(stack.startWorker({ REDIS_REQUIRE_AOF: 'true' })).rejects.toThrow(/appendonly is off/);
  });

  it('answers the Kubernetes probes on its metrics port', async () => {
    const port = await freePort();
    const worker = await stack.startWorker({ METRICS_PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    expect(worker.metricsUrl).toBe(`${base}/metrics`);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
