import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths never written to logs: credentials, phone numbers and message text. */
export const REDACTED_PATHS = [
  'authToken',
  '*.authToken',
  'password',
  '*.password',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'body',
  '*.body',
  'Body',
  '*.Body',
  'phone',
  '*.phone',
  'From',
  '*.From',
  'To',
  '*.To',
];

export interface LoggerOptions {
  service: string;
  level: string;
  version: string;
}

/** A JSON logger with personal data and secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.service, version: options.version },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
