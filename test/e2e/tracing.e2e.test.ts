import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '@elara/telemetry/tracing';
import { randomPhone } from '@elara/testkit/builders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, newTenantWithSender, postInbound, startStack, type Stack } from '../support/stack.ts';

/*
 * One trace per WhatsApp message, through the real API, Redis and worker (both in this process, so
 * one in-memory exporter sees every span): the webhook, the job continued from the context in the
 * job data, the database steps, the decision with the scan, and the send.
 */

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let stack: Stack;

beforeAll(async () => {
  tracing = startTracing({
    service: 'test',
    version: 'test',
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
  await tracing.shutdown();
});

describe('a message, traced', () => {
  it('is one trace from the webhook to the send, with the tenant and no personal data', async () => {
    const tenant = await newTenantWithSender(stack);
    const from = randomPhone();
    const body = 'Your parcel is on hold, pay the £2.99 fee at http://parcel-fee.top/pay';
    await postInbound(stack, { sender: tenant.sender, from, body });
    await eventually(async () => stack.sandbox.messages().some((m) => m.to === `whatsapp:${from}`));
    await eventually(async () => exporter.getFinishedSpans().some((s) => s.name === 'whatsapp.send'));

    const spans = exporter.getFinishedSpans();
    const webhook = spans.find((s) => s.name === 'webhook twilio.whatsapp');
    expect(webhook).toBeDefined();
    const traceId = webhook!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId).map((s) => s.name);
    expect(inTrace).toEqual(
      expect.arrayContaining([
        'webhook twilio.whatsapp',
        'db.recordInbound',
        'queue.enqueue',
        'job whatsapp.processInbound',
        'db.loadMessageContext',
        'pipeline.decideReply',
        'db.recordDecision',
        'whatsapp.send',
      ]),
    );
    const decide = spans.find(
      (s) => s.name === 'pipeline.decideReply' && s.spanContext().traceId === traceId,
    );
    expect(decide?.attributes['elara.verdict']).toBe('scam');
    expect(spans.find((s) => s.name === 'job whatsapp.processInbound')?.attributes['elara.tenant_id']).toBe(
      tenant.tenantId,
    );
    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]));
    expect(everything).not.toContain(from.slice(1));
    expect(everything).not.toContain('parcel-fee');
  });
});
