import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  currentTraceCarrier,
  extractTraceContext,
  injectTraceContext,
  SPAN_ATTRIBUTES,
  startTracing,
  withSpan,
  type TraceCarrier,
} from './tracing.ts';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({
  service: 'test',
  version: 'v1',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});

const tenantId = '5d9a3a52-7c1e-4a57-9a57-0a6f3f1f1a01';
const messageId = 'c1b0c1a2-44a4-4c1f-9b8e-7e0d3c2b1a00';

beforeEach(() => exporter.reset());
afterAll(() => tracing.shutdown());

describe('startTracing', () => {
  it('registers nothing without an endpoint or processors', () => {
    expect(startTracing({ service: 'test', version: 'v1' }).enabled).toBe(false);
    expect(tracing.enabled).toBe(true);
  });
});

describe('one trace per message', () => {
  it('continues the webhook trace in the job through the job payload', async () => {
    // API: the webhook span is active when the job is built, so the job carries its context.
    const job = await withSpan('webhook twilio.whatsapp', { [SPAN_ATTRIBUTES.tenantId]: tenantId }, () =>
      withSpan('db.recordInbound', {}, () => ({
        tenantId,
        inboundMessageId: messageId,
        trace: currentTraceCarrier(),
      })),
    );
    expect(job.trace?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Worker: a JSON round trip (as through Redis), then the job span under the extracted context.
    const payload = JSON.parse(JSON.stringify(job)) as { trace?: TraceCarrier };
    await withSpan(
      'job whatsapp.processInbound',
      { [SPAN_ATTRIBUTES.tenantId]: tenantId, [SPAN_ATTRIBUTES.inboundMessageId]: messageId },
      async () => {
        await withSpan('db.loadMessageContext', {}, () => undefined);
        await withSpan('pipeline.decideReply', {}, (span) =>
          span.setAttribute(SPAN_ATTRIBUTES.verdict, 'scam'),
        );
      },
      extractTraceContext({ ...payload.trace }),
    );

    const spans = exporter.getFinishedSpans();
    const byName = new Map(spans.map((s) => [s.name, s]));
    const webhook = byName.get('webhook twilio.whatsapp')!;
    const recordSpan = byName.get('db.recordInbound')!;
    const jobSpan = byName.get('job whatsapp.processInbound')!;
    const scan = byName.get('pipeline.decideReply')!;
    const traceId = webhook.spanContext().traceId;
    for (const span of spans) expect(span.spanContext().traceId).toBe(traceId);
    // The job's parent is the span that was active when the job was queued, in the webhook's trace.
    expect(jobSpan.parentSpanContext?.spanId).toBe(recordSpan.spanContext().spanId);
    expect(jobSpan.parentSpanContext?.isRemote).toBe(true);
    expect(scan.parentSpanContext?.spanId).toBe(jobSpan.spanContext().spanId);
    expect(scan.attributes[SPAN_ATTRIBUTES.verdict]).toBe('scam');
    expect(jobSpan.attributes[SPAN_ATTRIBUTES.tenantId]).toBe(tenantId);
  });

  it('marks a failed span with the error type only, never its message', async () => {
    const failing = withSpan('whatsapp.send', {}, () => {
      throw new TypeError('send to whatsapp:+14155550123 failed');
    });
    await expect(failing).rejects.toThrow(TypeError);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: 'TypeError' });
    expect(JSON.stringify([span?.events, span?.attributes, span?.status])).not.toContain('4155550123');
  });

  it('does not mark a job re-scheduled by BullMQ (DelayedError) as failed', async () => {
    class DelayedError extends Error {
      override name = 'DelayedError';
    }
    await expect(
      withSpan('job whatsapp.processInbound', {}, () => Promise.reject(new DelayedError())),
    ).rejects.toThrow();
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(0);
    expect(span?.events.map((e) => e.name)).toEqual(['rescheduled']);
  });

  it('injects nothing outside a span and extracts an empty carrier to the root context', async () => {
    expect(injectTraceContext()).toEqual({});
    expect(currentTraceCarrier()).toBeUndefined();
    await withSpan('job relay', {}, () => undefined, extractTraceContext(undefined));
    expect(exporter.getFinishedSpans()[0]?.parentSpanContext).toBeUndefined();
  });
});
