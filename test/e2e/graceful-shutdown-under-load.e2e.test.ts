import { withTenant } from '@elara/db/tenant';
import { randomPhone } from '@elara/testkit/builders';
import { ENTRY_POINTS, spawnService, waitForHttp, type ServiceProcess } from '@elara/testkit/processes';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInbound } from '../support/http-requests.ts';
import { createServiceEndpoints, type Backend } from '../support/service-endpoints.ts';
import { eventually, freePort, newTenantWithSender, startStack, type Stack } from '../support/stack.ts';
import { runWebhookLoad, type LoadRecord } from '../support/webhook-load.ts';

/*
 * Issue 6: under load, SIGTERM an API process and a worker process; no webhook gets a 5xx and no
 * job is lost or run twice. Two APIs and two workers run as real processes; signed webhooks go to
 * the APIs in turn, each over a keep-alive pool, and an API leaves the rotation once its readiness
 * probe (every 100 ms) fails, as with a Service's endpoints. Here readiness is the only signal, so
 * the API drains for longer than the probe takes to notice (in Kubernetes, the preStop pause).
 */

// Two cores shared with Postgres, Redis, four services and this process: a steady, modest load.
const RATE_PER_SECOND = 120;
const LOAD_MS = 6_000;
const API_SIGTERM_AT_MS = 2_000;
const WORKER_SIGTERM_AT_MS = 3_000;
// Generous: on a busy machine the probe loop itself can lag by a second.
const DRAIN_SECONDS = 3;
const SHUTDOWN_TIMEOUT_SECONDS = 20;

type Tenant = Awaited<ReturnType<typeof newTenantWithSender>>;
let stack: Stack;
let tenants: Tenant[];
const processes: ServiceProcess[] = [];

beforeAll(async () => {
  stack = await startStack({ worker: false });
  // Two tenants, so each sender stays under its pacing limit (80 messages per second).
  tenants = [
    await newTenantWithSender(stack, { tier: 'enterprise' }),
    await newTenantWithSender(stack, { tier: 'enterprise' }),
  ];
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await stack.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function spawnApi(name: string): Promise<{ service: ServiceProcess; backend: Backend }> {
  const port = String(await freePort());
  const env = {
    ...stack.env,
    PORT: port,
    LOG_LEVEL: 'info',
    SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
  };
  const service = spawnService(name, ENTRY_POINTS.api, { env });
  processes.push(service);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health/ready`, 40_000);
  return { service, backend: { name, url } };
}

async function spawnWorker(name: string): Promise<ServiceProcess> {
  const env = {
    ...stack.env,
    LOG_LEVEL: 'info',
    WORKER_QUEUES: 'whatsapp-inbound',
    WORKER_CONCURRENCY: '32',
    // Callbacks would go to the in-process API, which is not under test, and cost CPU here.
    STATUS_CALLBACKS: 'false',
    // Roomy: a send slowed by a busy machine must not turn into an unknown outcome.
    TWILIO_TIMEOUT_MS: '5000',
    SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
  };
  const service = spawnService(name, ENTRY_POINTS.worker, { env });
  processes.push(service);
  await eventually(async () => service.output().includes('worker consuming'), 40_000);
  return service;
}

/** Sends SIGTERM and resolves with the exit code and how long the process took to leave. */
function terminate(service: ServiceProcess): Promise<{ code: number | null; afterMs: number }> {
  const sentAt = Date.now();
  return service.stop('SIGTERM').then((code) => ({ code, afterMs: Date.now() - sentAt }));
}

/** The inbound-message jobs `worker` holds right now (BullMQ stores the worker's name on each). */
async function activeJobsOf(worker: ServiceProcess): Promise<string[]> {
  const queue = new Queue('whatsapp-inbound', {
    connection: stack.redis,
    prefix: stack.env.REDIS_KEY_PREFIX,
  });
  try {
    const active = await queue.getActive();
    return active.filter((j) => j.processedBy?.endsWith(`:${worker.child.pid}`)).map((j) => j.id!);
  } finally {
    await queue.close();
  }
}

interface ReplyRow {
  inbound_message_id: string;
  attempts: number;
  attempt_outcome: string;
}

/** Every reply row of both tenants, with its attempt count and the current attempt's outcome. */
async function replyRows(): Promise<ReplyRow[]> {
  const all: ReplyRow[] = [];
  for (const tenant of tenants) {
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<ReplyRow>('SELECT inbound_message_id, attempts, attempt_outcome FROM outbound_replies'),
    );
    all.push(...rows);
  }
  return all;
}

/** Every inbound row of both tenants: MessageSid → status, and how many rows each MessageSid has. */
async function inboundRows(): Promise<Map<string, { status: string; rows: number }>> {
  const found = new Map<string, { status: string; rows: number }>();
  for (const tenant of tenants) {
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<{ message_sid: string; status: string }>('SELECT message_sid, status FROM inbound_messages'),
    );
    for (const row of rows) {
      const seen = found.get(row.message_sid);
      found.set(row.message_sid, { status: row.status, rows: (seen?.rows ?? 0) + 1 });
    }
  }
  return found;
}

function summarize(records: LoadRecord[], apiSigtermAt: number, removedAt: number | undefined) {
  const byBackend: Record<string, number> = {};
  for (const r of records) byBackend[r.backend] = (byBackend[r.backend] ?? 0) + 1;
  const toStopped = records.filter((r) => r.backend === 'api-a' && r.sentAt >= apiSigtermAt);
  return {
    requests: records.length,
    perInstance: byBackend,
    latencyMaxMs: Math.max(...records.map((r) => r.latencyMs)),
    sentToApiAAfterSigterm: toStopped.length,
    answeredWithConnectionClose: records.filter((r) => r.connectionClose).length,
    apiAOutOfRotationAfterMs: removedAt === undefined ? null : removedAt - apiSigtermAt,
  };
}

/**
 * Every acknowledged webhook has exactly one inbound row and, eventually, exactly one reply sent
 * through the provider on its first attempt (none reconciled: no job ran its send twice).
 */
async function expectEachAnsweredOnce(records: LoadRecord[], users: Map<string, string>, logs: string) {
  const rows = await inboundRows();
  expect([...rows.keys()].sort()).toEqual(records.map((r) => r.key).sort());
  expect([...rows.values()].filter((r) => r.rows !== 1)).toEqual([]);
  await eventually(
    async () => [...(await inboundRows()).values()].every((r) => r.status === 'replied'),
    45_000,
  ).catch(() => undefined); // the assertion below says which ones
  const unanswered = [...(await inboundRows())].filter(([, r]) => r.status !== 'replied');
  expect(unanswered, logs).toEqual([]);
  await sleep(1_500); // a late duplicate would arrive meanwhile
  const repliesPerUser = new Map<string, number>();
  for (const m of stack.sandbox.messages()) repliesPerUser.set(m.to, (repliesPerUser.get(m.to) ?? 0) + 1);
  const wrongCounts = [...users.values()]
    .map((from) => ({ from, replies: repliesPerUser.get(`whatsapp:${from}`) ?? 0 }))
    .filter((u) => u.replies !== 1);
  expect(wrongCounts).toEqual([]);
  expect(stack.sandbox.messages()).toHaveLength(records.length);
  const replies = await replyRows();
  expect(replies).toHaveLength(records.length);
  expect(replies.filter((r) => r.attempts !== 1 || r.attempt_outcome !== 'accepted')).toEqual([]);
}

describe('SIGTERM under load', () => {
  it('answers every webhook, loses no job and runs none twice', { timeout: 120_000 }, async () => {
    // Each send takes a while, so the stopping worker has sends in flight.
    stack.sandbox.setFault({ mode: 'delay', delayMs: 150 });
    const [apiA, apiB] = await Promise.all([spawnApi('api-a'), spawnApi('api-b')]);
    const [workerA] = await Promise.all([spawnWorker('worker-a'), spawnWorker('worker-b')]);
    const endpoints = createServiceEndpoints([apiA.backend, apiB.backend], { periodMs: 100 });
    const users = new Map<string, string>();
    let next = 0;
    const started = Date.now();
    const load = runWebhookLoad({
      endpoints,
      ratePerSecond: RATE_PER_SECOND,
      durationMs: LOAD_MS,
      nextRequest: () => {
        const tenant = tenants[(next += 1) % tenants.length]!;
        const from = randomPhone();
        const request = signedInbound(stack.publicBaseUrl, {
          sender: tenant.sender,
          from,
          body: 'is this a scam?',
        });
        users.set(request.params.MessageSid!, from);
        return { key: request.params.MessageSid!, request };
      },
    });

    await sleep(API_SIGTERM_AT_MS - (Date.now() - started));
    const apiSigtermAt = Date.now();
    const apiExit = terminate(apiA.service);
    await sleep(WORKER_SIGTERM_AT_MS - (Date.now() - started));
    const heldByWorkerA = await activeJobsOf(workerA);
    const workerExit = terminate(workerA);
    // Read as soon as the worker is gone, before any other could take over its jobs (30 s locks).
    const leftInFlight = workerExit.then(async () =>
      (await replyRows()).filter(
        (r) => heldByWorkerA.includes(r.inbound_message_id) && r.attempt_outcome === 'in_flight',
      ),
    );
    const { records, unroutable } = await load;
    endpoints.stop();
    const [api, worker] = await Promise.all([apiExit, workerExit]);

    const summary = summarize(records, apiSigtermAt, endpoints.removedAt('api-a'));
    console.log('graceful shutdown under load', {
      ...summary,
      unroutable,
      jobsInFlightOnWorkerAAtSigterm: heldByWorkerA.length,
      apiAExit: api,
      workerAExit: worker,
    });

    // Every request got an answer, and that answer was 200: no 5xx, no reset, no refused
    // connection. Allowed: none at all, before or after API A left the rotation.
    expect(records.filter((r) => r.status !== 200)).toEqual([]);
    expect(api.code, apiA.service.output()).toBe(0);
    expect(apiA.service.output()).toMatch(/api stopped/);
    expect(worker.code, workerA.output()).toBe(0);
    expect(workerA.output()).toMatch(/worker stopped/);
    // The worker was stopped mid-work, not idle, and finished the sends it had started.
    expect(heldByWorkerA.length).toBeGreaterThan(0);
    expect(await leftInFlight).toEqual([]);

    await expectEachAnsweredOnce(records, users, apiA.service.output() + apiB.service.output());
  });
});
