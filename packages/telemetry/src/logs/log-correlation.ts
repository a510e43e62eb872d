import { AsyncLocalStorage } from 'node:async_hooks';
import { activeTraceIds } from '../tracing/tracing.ts';

/** Ids that tie log lines of one message together, from the webhook to the reply. */
export interface LogCorrelation {
  /** The inbound message id: the correlation id of every line about one WhatsApp message. */
  correlationId?: string;
  tenantId?: string;
  jobName?: string;
}

const store = new AsyncLocalStorage<LogCorrelation>();

/**
 * Runs `fn` with `fields` added to every log line written inside it (through `logCorrelationMixin`),
 * including lines of loggers built before the job started (delivery, detection inputs).
 */
export function withLogCorrelation<T>(fields: LogCorrelation, fn: () => T): T {
  return store.run({ ...store.getStore(), ...fields }, fn);
}

/**
 * A pino `mixin`: the correlation fields in scope, plus `trace_id` and `span_id` when a span is
 * active. Pass it to `createLogger({ mixin })`.
 */
export function logCorrelationMixin(): Record<string, string> {
  const fields: Record<string, string> = {};
  const correlation = store.getStore();
  if (correlation?.correlationId) fields.correlation_id = correlation.correlationId;
  if (correlation?.tenantId) fields.tenant_id = correlation.tenantId;
  if (correlation?.jobName) fields.job_name = correlation.jobName;
  const ids = activeTraceIds();
  if (ids) {
    fields.trace_id = ids.traceId;
    fields.span_id = ids.spanId;
  }
  return fields;
}
