import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { startTracing, withSpan } from '../tracing/tracing.ts';
import { logCorrelationMixin, withLogCorrelation } from './log-correlation.ts';

const tracing = startTracing({
  service: 'test',
  version: 'v1',
  spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
});
afterAll(() => tracing.shutdown());

describe('logCorrelationMixin', () => {
  it('adds nothing outside a span and a correlation scope', () => {
    expect(logCorrelationMixin()).toEqual({});
  });

  it('adds the correlation id, tenant and the active trace and span ids', async () => {
    const fields = await withLogCorrelation({ correlationId: 'msg-1', tenantId: 't-1' }, () =>
      withSpan('job', {}, (span) => ({ fields: logCorrelationMixin(), ids: span.spanContext() })),
    );
    expect(fields.fields).toEqual({
      correlation_id: 'msg-1',
      tenant_id: 't-1',
      trace_id: fields.ids.traceId,
      span_id: fields.ids.spanId,
    });
  });

  it('keeps the scope across awaits and nests', async () => {
    const seen = await withLogCorrelation({ correlationId: 'msg-2' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return withLogCorrelation({ jobName: 'whatsapp.processInbound' }, () => logCorrelationMixin());
    });
    expect(seen).toEqual({ correlation_id: 'msg-2', job_name: 'whatsapp.processInbound' });
  });
});
