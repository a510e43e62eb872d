import { withTenant } from '@elara/db/tenant';
import { createDeadLetterService } from '@elara/pipeline/dead-letters';
import { createProducer } from '@elara/queue/queues';
import { loadSchedulerConfig } from '@elara/scheduler/config';
import { registerSchedules } from '@elara/scheduler/schedules';
import { randomPhone } from '@elara/testkit/builders';
import { ENTRY_POINTS, spawnService } from '@elara/testkit/processes';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, newTenantWithSender, postInbound, startStack, type Stack } from '../support/stack.ts';

const stacks: Stack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

async function stackWithTenant(options: Parameters<typeof startStack>[0]) {
  const stack = await startStack(options);
  stacks.push(stack);
  const tenant = await newTenantWithSender(stack, { tier: 'enterprise' });
  return { stack, tenant };
}

const repliesTo = (stack: Stack, phone: string) =>
  stack.sandbox.messages().filter((m) => m.to === `whatsapp:${phone}`);

async function inboundStatus(stack: Stack, tenantId: string, from: string): Promise<string | undefined> {
  const { rows } = await withTenant(stack.pool, tenantId, (tx) =>
    tx.query<{ status: string }>('SELECT status FROM inbound_messages WHERE from_phone = $1', [from]),
  );
  return rows[0]?.status;
}

/** Settles, then checks that nothing more arrives: exactly-once means no late duplicate either. */
async function expectExactlyOneReply(stack: Stack, phone: string) {
  await eventually(async () => repliesTo(stack, phone).length >= 1, 20_000);
  await new Promise((r) => setTimeout(r, 1_500));
  expect(repliesTo(stack, phone)).toHaveLength(1);
}

describe('a worker killed with SIGKILL mid-job', () => {
  it.each([
    ['after the provider accepted the send', 'accept-then-hang' as const],
    ['before the send reached the provider', 'hang' as const],
  ])('still answers exactly once when killed %s', async (_when, mode) => {
    const { stack, tenant } = await stackWithTenant({
      worker: false,
      env: { WORKER_LOCK_DURATION_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500', TWILIO_TIMEOUT_MS: '20000' },
    });
    stack.sandbox.setFault(mode === 'hang' ? { mode, count: 1 } : { mode, delayMs: 20_000, count: 1 });
    const doomed = spawnService('worker', ENTRY_POINTS.worker, { env: stack.env });
    const user = randomPhone();
    expect(
      (await postInbound(stack, { sender: tenant.sender, from: user, body: 'win a prize now' })).status,
    ).toBe(200);
    // Wait until the doomed worker is inside the send, then kill it without warning.
    await eventually(async () => {
      const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
        tx.query(`SELECT 1 FROM outbound_replies WHERE attempt_outcome = 'in_flight'`),
      );
      return rows.length > 0;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 200));
    await doomed.stop('SIGKILL');
    stack.sandbox.clearFaults();
    // The new worker's provider timeout is short, so it presumes the dead attempt over sooner.
    await stack.startWorker({ TWILIO_TIMEOUT_MS: '1000' });
    // The retry must have finished (its outcome recorded) before counting replies.
    await eventually(async () => (await inboundStatus(stack, tenant.tenantId, user)) === 'replied', 20_000);
    await expectExactlyOneReply(stack, user);
  });
});

describe('Redis losing acknowledged messages', () => {
  it('the relay gets every acknowledged message answered, once', async () => {
    const { stack, tenant } = await stackWithTenant({
      worker: false,
      env: { RELAY_STALE_AFTER_SECONDS: '1', RELAY_INTERVAL_SECONDS: '1' },
    });
    const users = Array.from({ length: 20 }, () => randomPhone());
    for (const user of users) {
      expect(
        (await postInbound(stack, { sender: tenant.sender, from: user, body: 'is this legit?' })).status,
      ).toBe(200);
    }
    // Flush everything this stack has in Redis: the queued jobs are gone.
    const keys = await stack.redis.keys(`${stack.env.REDIS_KEY_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await stack.redis.del(...keys);
    await stack.startWorker();
    const stopSchedules = await registerSchedules(loadSchedulerConfig(stack.env), stack.redis);
    try {
      for (const user of users) await eventually(async () => repliesTo(stack, user).length >= 1, 20_000);
      await new Promise((r) => setTimeout(r, 1_500));
      for (const user of users) expect(repliesTo(stack, user), user).toHaveLength(1);
    } finally {
      await stopSchedules();
    }
  });
});

describe('a provider that keeps failing', () => {
  it('dead-letters after the retries, and a re-drive after recovery sends the reply once', async () => {
    // Stands in for Sentry: what the worker reports when a job fails for good.
    const reported: Array<{ error: unknown; context: Record<string, unknown> | undefined }> = [];
    const errors = {
      enabled: true,
      captureError: (error: unknown, context?: Record<string, unknown>) =>
        void reported.push({ error, context }),
      flush: async () => true,
      close: async () => true,
    };
    const { stack, tenant } = await stackWithTenant({
      env: { SEND_ATTEMPTS: '3', SEND_BACKOFF_MS: '50' },
      workerTelemetry: { errors },
    });
    stack.sandbox.setFault({ mode: 'fail', status: 500, code: 20500 });
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'pay the customs fee now' });
    await eventually(
      async () => (await inboundStatus(stack, tenant.tenantId, user)) === 'dead_lettered',
      20_000,
    );
    const attempts = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<{ outcome: string }>('SELECT outcome FROM delivery_attempts ORDER BY attempt'),
    );
    expect(attempts.rows.map((r) => r.outcome)).toEqual(['error', 'error', 'error']);
    expect(repliesTo(stack, user)).toHaveLength(0);
    // Reported once, on the last attempt only, with the job's context (no phone number in it).
    await eventually(async () => reported.length === 1);
    expect(reported[0]!.context).toMatchObject({
      jobName: 'whatsapp.processInbound',
      queue: 'whatsapp-inbound',
      tenantId: tenant.tenantId,
    });
    expect(JSON.stringify(reported[0]!.context)).not.toContain(user);

    const producer = createProducer('whatsapp-inbound', {
      connection: stack.redis,
      prefix: stack.env.REDIS_KEY_PREFIX!,
      sendRetry: { attempts: 3, backoffMs: 50 },
    });
    const deadLetters = createDeadLetterService({ pool: stack.pool, producer });
    const listed = await deadLetters.list();
    expect(listed).toEqual([
      expect.objectContaining({
        tenantId: tenant.tenantId,
        lastError: expect.stringMatching(/500|Internal/),
      }),
    ]);
    expect(await producer.queue.getFailedCount()).toBe(1);

    stack.sandbox.clearFaults();
    expect(await deadLetters.redrive(listed[0]!.tenantId, listed[0]!.inboundMessageId)).toBe(true);
    await expectExactlyOneReply(stack, user);
    expect(await inboundStatus(stack, tenant.tenantId, user)).toBe('replied');
    expect(await deadLetters.list()).toEqual([]);
    // A second re-drive of the same message does nothing.
    expect(await deadLetters.redrive(listed[0]!.tenantId, listed[0]!.inboundMessageId)).toBe(false);
    await producer.close();
  });
});

describe('a send whose outcome is unknown (timeout)', () => {
  it('reconciles with the provider instead of sending twice, and counts the case', async () => {
    const { stack, tenant } = await stackWithTenant({
      env: { TWILIO_TIMEOUT_MS: '500', SEND_BACKOFF_MS: '200' },
    });
    stack.sandbox.setFault({ mode: 'accept-then-hang', delayMs: 3_000, count: 1 });
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'hello there' });
    await expectExactlyOneReply(stack, user);
    await eventually(async () => (await inboundStatus(stack, tenant.tenantId, user)) === 'replied', 20_000);
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query(`SELECT r.unknown_outcomes, r.attempts, r.attempt_outcome,
                       (SELECT array_agg(a.outcome ORDER BY a.attempt) FROM delivery_attempts a
                         WHERE a.tenant_id = r.tenant_id AND a.outbound_reply_id = r.id) AS failed
                  FROM outbound_replies r`),
    );
    expect(rows).toEqual([
      { unknown_outcomes: 1, attempts: 1, attempt_outcome: 'reconciled', failed: ['timeout'] },
    ]);
  });
});

describe('reconciliation', () => {
  it('does not mistake an earlier identical reply for the lost one', async () => {
    const { stack, tenant } = await stackWithTenant({
      env: { TWILIO_TIMEOUT_MS: '500', SEND_BACKOFF_MS: '200' },
    });
    const user = randomPhone();
    // First contact out of the way, so the next two replies have identical text.
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'hi' });
    await eventually(async () => repliesTo(stack, user).length === 1);
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'see you at 5' });
    await eventually(async () => repliesTo(stack, user).length === 2);
    // The third send times out without reaching the provider; its text equals the second reply's.
    stack.sandbox.setFault({ mode: 'hang', count: 1 });
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'see you at 5' });
    await eventually(async () => repliesTo(stack, user).length === 3, 20_000);
    const bodies = repliesTo(stack, user).map((m) => m.body);
    expect(bodies[2]).toBe(bodies[1]);
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<{ status: string }>('SELECT status FROM inbound_messages ORDER BY received_at'),
    );
    expect(rows.map((r) => r.status)).toEqual(['replied', 'replied', 'replied']);
  });
});
