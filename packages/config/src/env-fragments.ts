import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
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

/**
 * Where a service serves Prometheus `/metrics`: its own port, never the public one, on loopback by
 * default. `METRICS_PORT=0` turns the server off. Each service passes its default port (api 9464,
 * worker 9465, scheduler 9466).
 */
export function metricsEnv(defaultPort: number) {
  return z.object({
    METRICS_PORT: port.default(defaultPort),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  });
}

/**
 * Traces (OpenTelemetry) and error reports (Sentry), both off unless configured: nothing leaves the
 * process without `OTEL_EXPORTER_OTLP_ENDPOINT` or `SENTRY_DSN`.
 */
export const telemetryEnv = z.object({
  /** The OTLP/HTTP collector's base URL; spans are posted to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Sentry's DSN; it holds a project key, so messages never echo it. */
  SENTRY_DSN: z.url({ error: 'must be a Sentry DSN URL' }).optional(),
  SENTRY_ENVIRONMENT: z.string().min(1).max(64).default('development'),
  /** Share of Sentry performance traces; traces go through OpenTelemetry, so 0 by default. */
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0),
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

/** Access-token keys are Ed25519 (EdDSA) or P-256 (ES256); nothing else is accepted. */
function accessTokenKeyType(key: KeyObject): boolean {
  return (
    key.asymmetricKeyType === 'ed25519' ||
    (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
  );
}

/** A PEM (newlines may be written as `\n`) or a JWK; throws on anything else. */
function readKey(value: unknown, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  if (typeof value === 'object' && value !== null) {
    if (kind === 'public' && 'd' in value) throw new Error('private JWK');
    const jwk = { key: value as Record<string, string>, format: 'jwk' } as const;
    key = kind === 'private' ? createPrivateKey(jwk) : createPublicKey(jwk);
  } else if (typeof value === 'string') {
    const pem = value.replace(/\\n/g, '\n').trim();
    if (kind === 'public' && pem.includes('PRIVATE KEY')) throw new Error('private PEM');
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } else throw new Error('not a key');
  if (!accessTokenKeyType(key)) throw new Error('wrong key type');
  return key;
}

/**
 * Accounts, sessions and API keys (`@elara/identity`). Keys are parsed here, once, into KeyObjects
 * (which never print their material). The refresh windows' ranges do not overlap, so the idle
 * expiry can never exceed the absolute one.
 */
export const authEnv = z.object({
  /** Signs access tokens: an Ed25519 or P-256 private key, PKCS#8 PEM or JWK. No default, ever. */
  AUTH_JWT_PRIVATE_KEY: z.string().transform((text, ctx) => {
    try {
      return readKey(text.trim().startsWith('{') ? JSON.parse(text) : text, 'private');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an Ed25519 or P-256 private key (PKCS#8 PEM or JWK)',
      });
      return z.NEVER;
    }
  }),
  /**
   * Public keys that signed tokens still alive after a rotation: a JSON array of public JWKs or
   * PEM strings, or a JWK Set (`{"keys": [...]}`). Private keys are refused.
   */
  AUTH_JWT_PREVIOUS_PUBLIC_KEYS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        const parsed = JSON.parse(text) as unknown;
        const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
        if (!Array.isArray(list)) throw new Error('not a list');
        return list.map((item) => readKey(item, 'public'));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a JSON array (or JWK Set) of Ed25519 or P-256 public keys',
        });
        return z.NEVER;
      }
    }),
  AUTH_JWT_ISSUER: z.string().min(1).max(200).default('elara'),
  AUTH_JWT_AUDIENCE: z.string().min(1).max(200).default('elara-admin-api'),
  /** Access-token lifetime: 10 minutes by default, at most an hour. */
  AUTH_ACCESS_TOKEN_TTL_SECONDS: positiveInt.min(60).max(3_600).default(600),
  /** A refresh token unused this long expires: 5 minutes to 7 days (the default). */
  AUTH_REFRESH_IDLE_SECONDS: positiveInt.min(300).max(604_800).default(604_800),
  /** A session ends this long after login, refreshed or not: 7 to 90 days, 30 by default. */
  AUTH_REFRESH_ABSOLUTE_SECONDS: positiveInt.min(604_800).max(7_776_000).default(2_592_000),
  /** 32 random bytes, base64: the HMAC key of stored API key hashes. No default, ever. */
  AUTH_API_KEY_PEPPER: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  /** Login attempts per account, and per client address (IPv6 per /64), in one window. */
  AUTH_LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: positiveInt.max(100).default(5),
  AUTH_LOGIN_MAX_ATTEMPTS_PER_IP: positiveInt.max(10_000).default(50),
  AUTH_LOGIN_WINDOW_SECONDS: positiveInt.min(60).max(86_400).default(900),
});

export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/** Parses `env` with `schema`, or throws one error that names every bad variable (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Invalid configuration: ${problems}`);
}
