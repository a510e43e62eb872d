import { z } from 'zod';

/**
 * Environment fragments shared by the deployables. Each service composes the ones it needs into
 * one schema and parses it once at start-up (see `parseEnv`); nothing else reads process.env.
 * Defaults are local-development values; secrets never have one.
 */
const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

export const logEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVICE_VERSION: z.string().default('dev'),
});

export const databaseEnv = z.object({
  /** The application role: not superuser, no BYPASSRLS, owns nothing. */
  DATABASE_URL: z.url().default('postgres://elara_app@127.0.0.1:5432/elara'),
  /** Small on purpose: on a 2-core box more Postgres backends only add context switches (benchmarked). */
  DATABASE_POOL_MAX: positiveInt.default(10),
});

export const redisEnv = z.object({
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Prefix for every BullMQ and rate-limit key, so several stacks can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default('elara'),
});

export const secretsEnv = z.object({
  /** 32 random bytes, base64: encrypts provider credentials at rest. No default, ever. */
  ELARA_SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
});

export const twilioEnv = z.object({
  /** Unset in production (the SDK talks to api.twilio.com); the local sandbox's origin otherwise. */
  TWILIO_API_BASE_URL: z.url().optional(),
  TWILIO_TIMEOUT_MS: positiveInt.default(10_000),
});

export const publicUrlEnv = z.object({
  /** The URL Twilio is configured with, as seen from outside any TLS-terminating proxy. */
  PUBLIC_BASE_URL: z
    .url()
    .default('http://127.0.0.1:3000')
    .transform((v) => v.replace(/\/+$/, '')),
});

export const httpEnv = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
});

/** Retry policy of message jobs; every process that enqueues them (API, worker, CLI) uses it. */
export const retryEnv = z.object({
  SEND_ATTEMPTS: positiveInt.max(20).default(6),
  /** First retry delay; it doubles with each attempt (with jitter). */
  SEND_BACKOFF_MS: positiveInt.default(1_000),
});

export const pacingEnv = z.object({
  /** Provider limit per WhatsApp sender number. */
  SENDER_MESSAGES_PER_SECOND: positiveInt.default(80),
});

export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/** Parses `env` with `schema`, or throws one error that names every bad variable (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Invalid configuration: ${problems}`);
}
