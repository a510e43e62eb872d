import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Key names whose values are never written: credentials, phone numbers and message text. Each is
 * redacted at the top level and up to three levels down (`*.key`, `*.*.key`, `*.*.*.key`), so
 * `{ job: { data: { Body } } }` or `{ req: { headers: { authorization } } }` are covered too.
 */
export const REDACTED_KEYS = [
  // Credentials.
  'authToken',
  'auth_token',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'password',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'x-twilio-signature',
  'X-Twilio-Signature',
  // Message text.
  'body',
  'Body',
  'text',
  'messageBody',
  'ProfileName',
  'profileName',
  // Phone numbers and e-mail addresses.
  'phone',
  'phoneNumber',
  'fromPhone',
  'toPhone',
  'From',
  'To',
  'from',
  'to',
  'WaId',
  'email',
];

const MAX_DEPTH = 3;

function keyPath(prefix: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  if (prefix === '') return segment.startsWith('.') ? key : segment;
  return prefix + segment;
}

/** Every pino redact path: each key at the top level and under up to `MAX_DEPTH` wildcards. */
export const REDACTED_PATHS = REDACTED_KEYS.flatMap((key) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) =>
    keyPath(Array.from({ length: depth }, () => '*').join('.'), key),
  ),
);

export interface LoggerOptions {
  service: string;
  level: string;
  version: string;
  /** Fields added to every line, e.g. `logCorrelationMixin` from `@elara/telemetry/log-correlation`. */
  mixin?: () => object;
  /** Where lines go; stdout by default (tests pass a stream to read them). */
  destination?: pino.DestinationStream;
}

/** A JSON logger with personal data and secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, version: options.version },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(options.mixin ? { mixin: options.mixin } : {}),
    },
    options.destination,
  );
}
