import { Agent } from 'node:http';
import { withTenant } from '@elara/db/tenant';
import { randomPhone } from '@elara/testkit/builders';
import { ENTRY_POINTS, spawnService, waitForHttp, type ServiceProcess } from '@elara/testkit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest, signedInbound, type PreparedRequest } from '../support/http-requests.ts';
import {
  eventually,
  freePort,
  newTenantWithSender,
  postInbound,
  startStack,
  type Stack,
} from '../support/stack.ts';

let stack: Stack;
let tenant: Awaited<ReturnType<typeof newTenantWithSender>>;
const processes: ServiceProcess[] = [];

beforeAll(async () => {
  stack = await startStack({ worker: false });
  tenant = await newTenantWithSender(stack, { tier: 'enterprise' });
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await stack.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const READY: PreparedRequest = { method: 'GET', path: '/health/ready', headers: {} };
const LIVE: PreparedRequest = { method: 'GET', path: '/health/live', headers: {} };

async function spawnApi(env: Record<string, string>): Promise<{ api: ServiceProcess; url: string }> {
  const port = String(await freePort());
  const api = spawnService('api', ENTRY_POINTS.api, {
    env: { ...stack.env, PORT: port, LOG_LEVEL: 'info', ...env },
  });
  processes.push(api);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health/ready`);
  return { api, url };
}

async function spawnWorker(env: Record<string, string>): Promise<ServiceProcess> {
  const worker = spawnService('worker', ENTRY_POINTS.worker, {
    env: { ...stack.env, LOG_LEVEL: 'info', ...env },
  });
  processes.push(worker);
  await eventually(async () => worker.output().includes('worker consuming'), 30_000);
  return worker;
}

const webhookFrom = (from: string) => signedInbound(stack.publicBaseUrl, { sender: tenant.sender, from });

async function inboundStatuses(from: string): Promise<string[]> {
  const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
    tx.query<{ status: string }>('SELECT status FROM inbound_messages WHERE from_phone = $1', [from]),
  );
  return rows.map((r) => r.status);
}

/** The reply to `to` is being sent: its attempt is open. */
async function sendInFlight(to: string): Promise<boolean> {
  const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
    tx.query(`SELECT 1 FROM outbound_replies WHERE to_phone = $1 AND attempt_outcome = 'in_flight'`, [to]),
  );
  return rows.length > 0;
}

const repliesTo = (phone: string) => stack.sandbox.messages().filter((m) => m.to === `whatsapp:${phone}`);

// The worker tests come first: the API tests leave queued jobs that any later worker would take.
describe('SIGTERM to a worker', { timeout: 60_000 }, () => {
  it('lets a worker finish the job in flight, then exit cleanly', async () => {
    // Slow enough to SIGTERM mid-send, well within this worker's provider timeout.
    stack.sandbox.setFault({ mode: 'delay', delayMs: 800, count: 1 });
    const worker = await spawnWorker({ TWILIO_TIMEOUT_MS: '10000' });
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'is this a scam?' });
    await eventually(() => sendInFlight(user), 20_000);
    const exitCode = await worker.stop('SIGTERM');
    expect(exitCode, worker.output()).toBe(0);
    expect(worker.output()).toMatch(/worker stopped/);
    // The job finished before the process left: replied, exactly once, without another worker.
    expect(await inboundStatuses(user)).toEqual(['replied']);
    expect(repliesTo(user)).toHaveLength(1);
  });

  it('exits a worker with code 1 at its deadline; another worker takes the job over and replies once', async () => {
    // The provider accepts the send but answers only after 20 s: the job outlives the deadline.
    stack.sandbox.setFault({ mode: 'accept-then-hang', delayMs: 20_000, count: 1 });
    const doomed = await spawnWorker({
      TWILIO_TIMEOUT_MS: '20000',
      WORKER_LOCK_DURATION_MS: '1500',
      SHUTDOWN_TIMEOUT_SECONDS: '1',
    });
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'win a prize now' });
    await eventually(() => sendInFlight(user), 20_000);
    expect(await doomed.stop('SIGTERM'), doomed.output()).toBe(1);
    expect(doomed.output()).toMatch(/shutdown deadline passed/);
    stack.sandbox.clearFaults();

    // Once the lock expires, BullMQ's stalled check hands the job to this worker, which finds the
    // send of unknown outcome at the provider and records it instead of sending again.
    await stack.startWorker({ TWILIO_TIMEOUT_MS: '1000', WORKER_STALLED_INTERVAL_MS: '500' });
    await eventually(async () => (await inboundStatuses(user))[0] === 'replied', 20_000);
    await sleep(1_500); // a late duplicate would arrive meanwhile
    expect(repliesTo(user)).toHaveLength(1);
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<{ attempt_outcome: string }>(
        'SELECT attempt_outcome FROM outbound_replies WHERE to_phone = $1',
        [user],
      ),
    );
    expect(rows).toEqual([{ attempt_outcome: 'reconciled' }]);
  });
});

describe('SIGTERM to an API', { timeout: 60_000 }, () => {
  it('drains an API: readiness fails at once, requests in flight and new ones are answered', async () => {
    const { api, url } = await spawnApi({ SHUTDOWN_DRAIN_SECONDS: '1' });
    // An idle keep-alive connection, and a webhook held in flight (half its body sent).
    const agent = new Agent({ keepAlive: true });
    const pooled = () => Object.values(agent.freeSockets).flat().length;
    expect((await sendRequest(url, LIVE, { agent }).answer).connection).toBe('keep-alive');
    expect(pooled()).toBe(1);
    const [heldUser, drainUser] = [randomPhone(), randomPhone()];
    const held = sendRequest(url, webhookFrom(heldUser), { hold: true });
    await sleep(300); // let its headers reach the server
    const exited = api.stop('SIGTERM');

    await eventually(async () => (await sendRequest(url, READY).answer).status === 503);
    // Still served during the drain, with a hint not to reuse the connection.
    const duringDrain = await sendRequest(url, webhookFrom(drainUser)).answer;
    expect(duringDrain).toMatchObject({ status: 200, connection: 'close' });
    // After the drain the listener is closed and the idle connection with it; the held request lives.
    const refused = (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED';
    await eventually(() => sendRequest(url, LIVE).answer.then(() => false, refused));
    await eventually(async () => pooled() === 0);
    held.finish();
    expect(await held.answer).toMatchObject({ status: 200, connection: 'close' });

    expect(await exited, api.output()).toBe(0);
    expect(api.output()).toMatch(/api stopped/);
    expect(await inboundStatuses(heldUser)).toHaveLength(1);
    expect(await inboundStatuses(drainUser)).toHaveLength(1);
    agent.destroy();
  });

  it('exits an API with code 1 at SHUTDOWN_TIMEOUT_SECONDS when a request never finishes', async () => {
    const { api, url } = await spawnApi({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const held = sendRequest(url, webhookFrom(randomPhone()), { hold: true });
    const outcome = held.answer.then(
      (a) => `answered ${a.status}`,
      (error: Error) => error.message,
    );
    await sleep(300);
    expect(await api.stop('SIGTERM'), api.output()).toBe(1);
    expect(api.output()).toMatch(/shutdown deadline passed/);
    expect(api.output()).not.toMatch(/api stopped/);
    // Cut short by the exit, never answered.
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
  });
});
