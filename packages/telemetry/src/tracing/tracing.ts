import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export type { Attributes, Context, Span };

/**
 * Span attribute names. Ids and outcomes only: never phone numbers, message text or tokens.
 */
export const SPAN_ATTRIBUTES = {
  tenantId: 'elara.tenant_id',
  inboundMessageId: 'elara.inbound_message_id',
  replyId: 'elara.reply_id',
  verdict: 'elara.verdict',
  replyKind: 'elara.reply_kind',
  attempt: 'elara.attempt',
  jobName: 'elara.job_name',
  queue: 'elara.queue',
  duplicate: 'elara.duplicate',
} as const;

const TRACER_NAME = 'elara';

export interface TracingOptions {
  service: string;
  version: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string | undefined;
  /** Extra processors (tests use a SimpleSpanProcessor over an InMemorySpanExporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** False when nothing would receive spans: no provider is registered and spans are no-ops. */
  enabled: boolean;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Registers the global tracer provider and W3C trace-context propagation. Without an OTLP endpoint
 * (and no test processors) nothing is registered: the OpenTelemetry API stays a no-op, so the
 * helpers below cost next to nothing and nothing leaves the process.
 */
export function startTracing(options: TracingOptions): Tracing {
  const processors = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  if (processors.length === 0) {
    return { enabled: false, forceFlush: async () => {}, shutdown: async () => {} };
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: `elara-${options.service}`,
      [ATTR_SERVICE_VERSION]: options.version,
    }),
    spanProcessors: processors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Marks the span failed with the error's type only: an error's message may quote a phone number or
 * message text, so it is not recorded (Sentry receives it, scrubbed).
 */
/**
 * Control-flow errors that are not failures: BullMQ's `DelayedError` (a job re-scheduled for
 * pacing or while a send is in flight) and the like. The span is marked with the event only.
 */
const NOT_FAILURES: ReadonlySet<string> = new Set(['DelayedError', 'WaitingChildrenError', 'RateLimitError']);

function recordFailure(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : typeof error;
  if (NOT_FAILURES.has(type)) {
    span.addEvent('rescheduled', { 'exception.type': type });
    return;
  }
  span.addEvent('exception', { 'exception.type': type });
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/**
 * Runs `fn` inside a new active span (a child of the active one, or of `parent` when given), ends
 * it when `fn` settles, and marks it failed (error type only) when `fn` throws.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  parent?: Context,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Starts a span that the caller ends (for spans that outlive a callback, such as an HTTP request
 * ended on the response's `close`). Run code inside it with `runInSpan`.
 */
export function startSpan(name: string, attributes: Attributes): Span {
  return tracer().startSpan(name, { attributes });
}

/** Runs `fn` with `span` active, so spans and log lines inside it belong to it. */
export function runInSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

/** Marks `span` failed with a cause that holds no personal data (an error type or status code). */
export function markSpanFailed(span: Span, cause: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: cause });
}

/** Adds attributes (ids, outcomes: never phone numbers or text) to the active span, if any. */
export function setActiveSpanAttributes(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** The W3C `traceparent` (and `tracestate`) of the active span, or `{}` when none is active. */
export function injectTraceContext(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** What a job carries to continue its message's trace (`whatsapp.processInbound`'s `trace`). */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** The active trace as a job field, or undefined when no span is active (tracing off). */
export function currentTraceCarrier(): TraceCarrier | undefined {
  const { traceparent, tracestate } = injectTraceContext();
  if (!traceparent) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** A context whose parent is the span described by `carrier`; the root context when it is empty. */
export function extractTraceContext(carrier: Record<string, string | undefined> | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(carrier)) if (typeof value === 'string') clean[key] = value;
  return propagation.extract(ROOT_CONTEXT, clean);
}

/** Trace and span id of the active span, if one is recording. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext()) || traceFlags === undefined) return undefined;
  return { traceId, spanId };
}
