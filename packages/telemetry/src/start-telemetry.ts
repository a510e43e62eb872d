import { initErrorReporting, type ErrorReporter } from './errors/error-reporting.ts';
import { startTracing, type Tracing } from './tracing/tracing.ts';

/** The parsed `telemetryEnv` fragment plus `SERVICE_VERSION`. */
export interface TelemetryConfig {
  SERVICE_VERSION: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  SENTRY_DSN?: string | undefined;
  SENTRY_ENVIRONMENT: string;
  SENTRY_TRACES_SAMPLE_RATE: number;
}

export interface Telemetry {
  tracing: Tracing;
  errors: ErrorReporter;
  /** Flushes spans and error reports; call on shutdown, before exiting. */
  shutdown(): Promise<void>;
}

/**
 * What each service's main starts first: tracing (only with an OTLP endpoint) and error reporting
 * (only with a DSN), including uncaught exceptions and unhandled rejections. The release is
 * `elara@<SERVICE_VERSION>`, the name source maps are uploaded under.
 */
export function startTelemetry(service: string, config: TelemetryConfig): Telemetry {
  const tracing = startTracing({
    service,
    version: config.SERVICE_VERSION,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const errors = initErrorReporting({
    dsn: config.SENTRY_DSN,
    service,
    release: `elara@${config.SERVICE_VERSION}`,
    environment: config.SENTRY_ENVIRONMENT,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
  });
  return {
    tracing,
    errors,
    async shutdown() {
      await Promise.allSettled([tracing.shutdown(), errors.close()]);
    },
  };
}
