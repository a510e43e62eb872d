import { withTenant } from '@elara/db/tenant';
import { randomPhone } from '@elara/testkit/builders';
import { ENTRY_POINTS, spawnService } from '@elara/testkit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, newTenantWithSender, postInbound, startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let tenant: Awaited<ReturnType<typeof newTenantWithSender>>;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  tenant = await newTenantWithSender(stack, { tier: 'enterprise' });
});
afterAll(() => stack.close());

describe('SIGTERM', () => {
  it('lets a worker finish the job in flight, then exit cleanly', async () => {
    // Slow enough to SIGTERM mid-send, well within this worker's provider timeout.
    stack.sandbox.setFault({ mode: 'delay', delayMs: 800, count: 1 });
    const worker = spawnService('worker', ENTRY_POINTS.worker, {
      env: { ...stack.env, LOG_LEVEL: 'info', TWILIO_TIMEOUT_MS: '10000' },
    });
    const user = randomPhone();
    await postInbound(stack, { sender: tenant.sender, from: user, body: 'is this a scam?' });
    await eventually(async () => {
      const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
        tx.query(`SELECT 1 FROM outbound_replies WHERE attempt_outcome = 'in_flight'`),
      );
      return rows.length > 0;
    }, 20_000);
    const exitCode = await worker.stop('SIGTERM');
    expect(exitCode, worker.output()).toBe(0);
    expect(worker.output()).toMatch(/worker stopped/);
    // The job finished before the process left: replied, exactly once, without another worker.
    const { rows } = await withTenant(stack.pool, tenant.tenantId, (tx) =>
      tx.query<{ status: string }>('SELECT status FROM inbound_messages WHERE from_phone = $1', [user]),
    );
    expect(rows).toEqual([{ status: 'replied' }]);
    expect(stack.sandbox.messages().filter((m) => m.to === `whatsapp:${user}`)).toHaveLength(1);
  });

  it('stops an API process cleanly, with keep-alive connections open', async () => {
    const port = String(Number(new URL(stack.api.url).port) + 1);
    const api = spawnService('api', ENTRY_POINTS.api, {
      env: { ...stack.env, PORT: port, LOG_LEVEL: 'info' },
    });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok);
    const exitCode = await api.stop('SIGTERM');
    expect(exitCode, api.output()).toBe(0);
    expect(api.output()).toMatch(/api stopped/);
  });
});
