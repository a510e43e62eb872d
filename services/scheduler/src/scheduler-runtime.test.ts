import { freePort } from '@elara/testkit/free-port';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { staticKubeConfig } from '@elara/leader-election/kube-config';
import { startFakeLeaseApi, type FakeLeaseApi } from '@elara/leader-election/testing/fake-lease-api';
import { createLogger } from '@elara/logger/logger';
import { createProducer } from '@elara/queue/queues';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchedulerConfig } from './scheduler.config.ts';
import { startScheduler, type RunningScheduler } from './scheduler-runtime.ts';

/*
 * Two scheduler replicas in-process, against real Redis (a key prefix of their own) and a local
 * server speaking the Lease API. Each replica registers the relay at its own interval (A: 5 s,
 * B: 7 s), so the interval stored in Redis tells which replica registered the schedules.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'scheduler-sa-token';
const prefix = `test-le-${randomBytes(4).toString('hex')}`;
const silent = createLogger({ service: 'test', level: 'silent', version: 'test' });

let api: FakeLeaseApi;
let redis: Redis;
let maintenance: ReturnType<typeof createProducer<'maintenance'>>;
const replicas: { scheduler: RunningScheduler; redis: Redis }[] = [];

/** A replica as its pod would run it: own Redis connection, leader election on, short timings. */
async function startReplica(podName: string, relayEverySeconds: number, env: Record<string, string> = {}) {
  const config = loadSchedulerConfig({
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    METRICS_PORT: String(await freePort()),
    RELAY_INTERVAL_SECONDS: String(relayEverySeconds),
    LEADER_ELECTION_ENABLED: 'true',
    LEADER_ELECTION_NAMESPACE: 'elara',
    POD_NAME: podName,
    LEADER_ELECTION_LEASE_DURATION_SECONDS: '1',
    LEADER_ELECTION_RENEW_DEADLINE_SECONDS: '0.6',
    LEADER_ELECTION_RETRY_PERIOD_SECONDS: '0.1',
    ...env,
  });
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const scheduler = await startScheduler({
    config,
    redis: connection,
    logger: silent,
    kubeConfig: staticKubeConfig({ server: api.url, token: TOKEN }),
  });
  replicas.push({ scheduler, redis: connection });
  return scheduler;
}

async function stopReplica(scheduler: RunningScheduler): Promise<void> {
  const [replica] = replicas.splice(
    replicas.findIndex((r) => r.scheduler === scheduler),
    1,
  );
  await scheduler.close();
  replica?.redis.disconnect();
}

/** The relay's stored interval in seconds, or null before any replica registered it. */
async function relayEverySeconds(): Promise<number | null> {
  const schedulers = await maintenance.queue.getJobSchedulers();
  const relay = schedulers.find((s) => s.key === 'relay-unprocessed');
  return relay?.every ? relay.every / 1_000 : null;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now();
}

/** Whether a replica's /metrics carries queue-depth samples (not just the gauge's HELP line). */
async function reportsQueueDepth(scheduler: RunningScheduler): Promise<boolean> {
  const text = await (await fetch(scheduler.metricsUrl!)).text();
  return /^elara_queue_jobs\{queue="maintenance"/m.test(text);
}

beforeAll(async () => {
  api = await startFakeLeaseApi({ token: TOKEN });
  redis = new Redis(REDIS_URL);
  maintenance = createProducer('maintenance', {
    connection: redis,
    prefix,
    sendRetry: { attempts: 1, backoffMs: 0 },
  });
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.scheduler.close().finally(() => r.redis.disconnect())));
  await maintenance.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await api.close();
});

describe('scheduler replicas with leader election', () => {
  it('works only on the leader, fails over on stop, and steps down when it cannot renew', async () => {
    const a = await startReplica('scheduler-a', 5);
    await until(() => a.isActive());
    await until(async () => (await relayEverySeconds()) === 5);
    expect(api.lease('elara', 'elara-scheduler')?.spec.holderIdentity).toBe('scheduler-a');

    const b = await startReplica('scheduler-b', 7);
    // For a while (longer than the lease): B stands by and never touches the schedules.
    const watchUntil = Date.now() + 1_500;
    while (Date.now() < watchUntil) {
      expect(b.isActive()).toBe(false);
      expect(await relayEverySeconds()).toBe(5);
      await sleep(50);
    }
    expect(await reportsQueueDepth(a)).toBe(true);
    expect(await reportsQueueDepth(b)).toBe(false);

    const stoppedAt = Date.now();
    await stopReplica(a);
    await until(async () => (await relayEverySeconds()) === 7);
    // The lease was released on stop: B took over without waiting for it to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(b.isActive()).toBe(true);
    expect(await reportsQueueDepth(b)).toBe(true);
    expect(api.lease('elara', 'elara-scheduler')?.spec).toMatchObject({
      holderIdentity: 'scheduler-b',
      leaseTransitions: 1,
    });

    // The Lease API fails: B steps down (its queue gauges cleared), then leads again once it heals.
    api.setFault('error');
    await until(() => !b.isActive(), 2_000);
    await sleep(100);
    expect(await reportsQueueDepth(b)).toBe(false);
    api.setFault(null);
    await until(() => b.isActive(), 2_000);
    await until(() => reportsQueueDepth(b), 2_000);
  });
});

describe('scheduler without leader election', () => {
  it('registers the schedules at start, as a single replica always did', async () => {
    const config = loadSchedulerConfig({
      REDIS_URL,
      REDIS_KEY_PREFIX: `${prefix}-alone`,
      LOG_LEVEL: 'silent',
      METRICS_PORT: '0',
      RELAY_INTERVAL_SECONDS: '11',
    });
    expect(config.leaderElection).toBeNull();
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
    const scheduler = await startScheduler({ config, redis: connection, logger: silent });
    const alone = createProducer('maintenance', {
      connection,
      prefix: `${prefix}-alone`,
      sendRetry: { attempts: 1, backoffMs: 0 },
    });
    try {
      expect(scheduler.isActive()).toBe(true);
      const relay = (await alone.queue.getJobSchedulers()).find((s) => s.key === 'relay-unprocessed');
      expect(relay?.every).toBe(11_000);
    } finally {
      await alone.close();
      await scheduler.close();
      const keys = await connection.keys(`${prefix}-alone:*`);
      if (keys.length) await connection.del(...keys);
      connection.disconnect();
    }
  });
});
