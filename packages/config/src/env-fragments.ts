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

/** The formats `@elara/threat-feeds` reads (it re-exports this list as `FEED_FORMATS`). */
export const THREAT_FEED_FORMATS = [
  'urlhaus-csv',
  'url-list',
  'phishtank-csv',
  'phishtank-json',
  'domain-list',
  'metamask',
] as const;

const threatFeed = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _, at most 63'),
  format: z.enum(THREAT_FEED_FORMATS),
  /** http(s), or file:// for a list kept on disk. */
  url: z.url({ protocol: /^(?:https?|file)$/, error: 'must be an http(s) or file URL' }),
});

/**
 * Threat feeds imported on a schedule besides the built-in MetaMask list: a JSON array of
 * `{ name, format, url }`. Messages never echo the value: a feed URL may carry an API key.
 */
export const threatFeedsEnv = z.object({
  THREAT_FEEDS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { name, format, url }' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(threatFeed)
        .refine(
          (feeds) => new Set(feeds.map((f) => f.name)).size === feeds.length,
          'feed names must be unique',
        ),
    ),
  /** How often the scheduler queues `threatFeeds.refresh` (1 minute to 1 week). */
  THREAT_FEED_REFRESH_MINUTES: positiveInt.max(10_080).default(60),
});

/** "true"/"false" (also 1/0, yes/no, on/off); a plain coerce would read "false" as true. */
const flag = z.stringbool();

/**
 * The optional network look-ups on links (`@elara/link-inspection`). Both are off by default:
 * each sends requests to addresses chosen by whoever wrote the message.
 */
export const linkInspectionEnv = z.object({
  /** Follow redirects of links on known shortener hosts to see where they really lead. */
  LINK_EXPAND_SHORTENERS: flag.default(false),
  /** Look up each link domain's registration date over RDAP (flags domains under 30 days old). */
  LINK_RDAP_LOOKUP: flag.default(false),
  /** Budget for inspecting one message's links, all hops together; it delays the reply. */
  LINK_INSPECTION_TIMEOUT_MS: positiveInt.max(30_000).default(1_500),
  /** Redirects followed per link. */
  LINK_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(3),
  /** Most bytes read from one response (meta-refresh pages, RDAP JSON). */
  LINK_MAX_BODY_BYTES: positiveInt.max(4_194_304).default(65_536),
  /** How long redirect chains and domain ages are cached in memory. */
  LINK_INSPECTION_CACHE_TTL_MS: positiveInt.default(3_600_000),
  /** Cached answers kept at most, per kind. */
  LINK_INSPECTION_CACHE_SIZE: positiveInt.max(1_000_000).default(10_000),
  /** RDAP service; rdap.org redirects each query to the registry's own server. */
  RDAP_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://rdap.org')
    .transform((v) => v.replace(/\/+$/, '')),
});

export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/** Parses `env` with `schema`, or throws one error that names every bad variable (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Invalid configuration: ${problems}`);
}
