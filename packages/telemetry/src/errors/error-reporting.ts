import * as Sentry from '@sentry/node';
import { activeTraceIds } from '../tracing/tracing.ts';
import { scrubValue } from './scrub.ts';

export interface ErrorReportingOptions {
  /** SENTRY_DSN; without it nothing is initialised and nothing is sent. */
  dsn?: string | undefined;
  service: string;
  /** The release (SERVICE_VERSION): source maps are uploaded under the same name. */
  release: string;
  environment: string;
  /** SENTRY_TRACES_SAMPLE_RATE; traces go through OpenTelemetry, so 0 by default. */
  tracesSampleRate?: number;
  /** Report uncaught exceptions and unhandled rejections (the services' mains); tests turn it off. */
  captureUnhandled?: boolean;
}

/** Where an error happened: becomes Sentry tags, and `route`/`jobName` part of the fingerprint. */
export interface ErrorContext {
  tenantId?: string | undefined;
  jobName?: string | undefined;
  queue?: string | undefined;
  jobId?: string | undefined;
  route?: string | undefined;
}

export interface ErrorReporter {
  enabled: boolean;
  /** Sends `error` (scrubbed) with `context` as tags. A no-op when reporting is off. */
  captureError(error: unknown, context?: ErrorContext): void;
  /** Waits until queued events are sent (or `timeoutMs` passes). */
  flush(timeoutMs?: number): Promise<boolean>;
  close(timeoutMs?: number): Promise<boolean>;
}

const disabled: ErrorReporter = {
  enabled: false,
  captureError: () => {},
  flush: async () => true,
  close: async () => true,
};

/**
 * Groups errors by cause, not by message (which holds ids and varies): the outermost exception's
 * type plus the route or job it happened in.
 */
export function fingerprintFor(event: Sentry.Event): string[] | undefined {
  const values = event.exception?.values;
  const type = values?.[values.length - 1]?.type;
  if (!type) return undefined;
  const where = event.tags?.route ?? event.tags?.job_name ?? event.tags?.service ?? 'unknown';
  return [type, String(where)];
}

/** `beforeSend`: scrubs the whole event, then sets the fingerprint. */
export function prepareEvent<E extends Sentry.Event>(event: E): E {
  const scrubbed = scrubValue(event);
  const fingerprint = fingerprintFor(scrubbed);
  if (fingerprint) scrubbed.fingerprint = fingerprint;
  // Only the id of the user's tenant ever identifies anyone; drop what the SDK may have guessed.
  delete scrubbed.user;
  delete scrubbed.request;
  return scrubbed;
}

function tagsFor(context: ErrorContext): Record<string, string> {
  const tags: Record<string, string> = {};
  if (context.tenantId) tags.tenant_id = context.tenantId;
  if (context.jobName) tags.job_name = context.jobName;
  if (context.queue) tags.queue = context.queue;
  if (context.jobId) tags.job_id = context.jobId;
  if (context.route) tags.route = context.route;
  const ids = activeTraceIds();
  if (ids) tags.trace_id = ids.traceId;
  return tags;
}

/**
 * Initialises Sentry when a DSN is configured. No default integrations (no HTTP, console or module
 * patching): errors are captured explicitly, plus uncaught exceptions and unhandled rejections
 * when `captureUnhandled` is on. OpenTelemetry stays ours (`startTracing`); Sentry does not set it up.
 */
export function initErrorReporting(options: ErrorReportingOptions): ErrorReporter {
  if (!options.dsn) return disabled;
  const integrations: Exclude<Sentry.NodeOptions['defaultIntegrations'], false | undefined> = [
    Sentry.linkedErrorsIntegration(),
    Sentry.dedupeIntegration(),
  ];
  if (options.captureUnhandled ?? true)
    integrations.push(
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration({ mode: 'strict' }),
    );
  Sentry.initWithoutDefaultIntegrations({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    tracesSampleRate: options.tracesSampleRate ?? 0,
    // Collect nothing about users or HTTP traffic; beforeSend scrubs whatever else gets through.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
    },
    enableOpenTelemetrySetup: false,
    integrations,
    initialScope: { tags: { service: options.service } },
    beforeSend: (event) => prepareEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubValue(breadcrumb),
  });
  return {
    enabled: true,
    captureError(error, context = {}) {
      Sentry.captureException(error, { tags: tagsFor(context) });
    },
    flush: (timeoutMs = 2_000) => Sentry.flush(timeoutMs),
    close: (timeoutMs = 2_000) => Sentry.close(timeoutMs),
  };
}
