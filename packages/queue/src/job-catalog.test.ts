import { describe, expect, it } from 'vitest';
import { jobCatalog } from './job-catalog.ts';

const schema = jobCatalog['whatsapp.processInbound'].schema;
const payload = {
  tenantId: '5d9a3a52-7c1e-4a57-9a57-0a6f3f1f1a01',
  inboundMessageId: 'c1b0c1a2-44a4-4c1f-9b8e-7e0d3c2b1a00',
  senderId: '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  acknowledgedAt: 1_700_000_000_000,
};

describe('whatsapp.processInbound payload', () => {
  it('still accepts jobs queued before the trace field existed', () => {
    expect(schema.parse(payload)).toEqual(payload);
  });

  it('carries the W3C trace context when there is one', () => {
    const trace = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'k=v',
    };
    expect(schema.parse({ ...payload, trace })).toEqual({ ...payload, trace });
    expect(schema.safeParse({ ...payload, trace: { tracestate: 'k=v' } }).success).toBe(false);
  });
});
