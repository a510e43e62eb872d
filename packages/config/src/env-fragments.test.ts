import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authEnv,
  databaseEnv,
  linkInspectionEnv,
  metricsEnv,
  parseEnv,
  publicUrlEnv,
  secretsEnv,
  telemetryEnv,
  threatFeedsEnv,
} from './env-fragments.ts';

describe('parseEnv', () => {
  it('applies local defaults', () => {
    expect(parseEnv(databaseEnv, {})).toEqual({
      DATABASE_URL: 'postgres://elara_app@127.0.0.1:5432/elara',
      DATABASE_POOL_MAX: 10,
    });
  });

  it('has no default for secrets, and names a bad variable without echoing its value', () => {
    expect(() => parseEnv(secretsEnv, {})).toThrow(/ELARA_SECRETS_KEY/);
    const attempt = () => parseEnv(secretsEnv, { ELARA_SECRETS_KEY: 'c2hvcnQtc2VjcmV0' });
    expect(attempt).toThrow(/ELARA_SECRETS_KEY: must be 32 bytes/);
    expect(attempt).not.toThrow(/c2hvcnQtc2VjcmV0/);
  });

  it('normalises the public URL without a trailing slash', () => {
    expect(parseEnv(publicUrlEnv, { PUBLIC_BASE_URL: 'https://elara.example.com/' })).toEqual({
      PUBLIC_BASE_URL: 'https://elara.example.com',
    });
  });
});

describe('threatFeedsEnv', () => {
  it('defaults to no configured feeds, refreshed hourly', () => {
    expect(parseEnv(threatFeedsEnv, {})).toEqual({ THREAT_FEEDS: [], THREAT_FEED_REFRESH_MINUTES: 60 });
  });

  it('parses a JSON list of feeds and the interval', () => {
    const feeds = [
      { name: 'urlhaus', format: 'urlhaus-csv', url: 'https://urlhaus.abuse.ch/downloads/csv_recent/' },
      { name: 'local_list', format: 'domain-list', url: 'file:///etc/elara/blocklist.txt' },
    ];
    expect(
      parseEnv(threatFeedsEnv, { THREAT_FEEDS: JSON.stringify(feeds), THREAT_FEED_REFRESH_MINUTES: '15' }),
    ).toEqual({ THREAT_FEEDS: feeds, THREAT_FEED_REFRESH_MINUTES: 15 });
  });

  it('rejects bad JSON, unknown formats, bad names, other schemes and repeated names, without echoing values', () => {
    const secretUrl = 'https://feeds.example/data/SECRET-KEY/online-valid.csv';
    const bad = (feeds: unknown) => () => parseEnv(threatFeedsEnv, { THREAT_FEEDS: JSON.stringify(feeds) });
    const notJson = () => parseEnv(threatFeedsEnv, { THREAT_FEEDS: `[{"url": "${secretUrl}"` });
    expect(notJson).toThrow(/THREAT_FEEDS: must be a JSON array/);
    expect(notJson).not.toThrow(/SECRET-KEY/);
    expect(bad([{ name: 'a', format: 'csv', url: secretUrl }])).toThrow(/THREAT_FEEDS\.0\.format/);
    expect(bad([{ name: 'a', format: 'csv', url: secretUrl }])).not.toThrow(/SECRET-KEY/);
    expect(bad([{ name: 'Bad Name', format: 'url-list', url: secretUrl }])).toThrow(/THREAT_FEEDS\.0\.name/);
    expect(bad([{ name: 'a', format: 'url-list', url: 'ftp://feeds.example/x' }])).toThrow(
      /THREAT_FEEDS\.0\.url: must be an http\(s\) or file URL/,
    );
    expect(bad([{ name: 'a', format: 'url-list', url: secretUrl, extra: 1 }])).toThrow(/THREAT_FEEDS\.0/);
    expect(
      bad([
        { name: 'a', format: 'url-list', url: secretUrl },
        { name: 'a', format: 'domain-list', url: secretUrl },
      ]),
    ).toThrow(/feed names must be unique/);
    expect(bad({ name: 'a' })).toThrow(/THREAT_FEEDS/);
    expect(() => parseEnv(threatFeedsEnv, { THREAT_FEED_REFRESH_MINUTES: '0' })).toThrow(
      /THREAT_FEED_REFRESH_MINUTES/,
    );
  });
});

describe('linkInspectionEnv', () => {
  it('is off by default, with short timeouts', () => {
    expect(parseEnv(linkInspectionEnv, {})).toEqual({
      LINK_EXPAND_SHORTENERS: false,
      LINK_RDAP_LOOKUP: false,
      LINK_INSPECTION_TIMEOUT_MS: 1_500,
      LINK_MAX_REDIRECTS: 3,
      LINK_MAX_BODY_BYTES: 65_536,
      LINK_INSPECTION_CACHE_TTL_MS: 3_600_000,
      LINK_INSPECTION_CACHE_SIZE: 10_000,
      RDAP_BASE_URL: 'https://rdap.org',
    });
  });

  it('reads "false" as false and "true" as true', () => {
    expect(
      parseEnv(linkInspectionEnv, { LINK_EXPAND_SHORTENERS: 'false', LINK_RDAP_LOOKUP: 'true' }),
    ).toMatchObject({
      LINK_EXPAND_SHORTENERS: false,
      LINK_RDAP_LOOKUP: true,
    });
    expect(parseEnv(linkInspectionEnv, { LINK_EXPAND_SHORTENERS: '1', LINK_RDAP_LOOKUP: '0' })).toMatchObject(
      {
        LINK_EXPAND_SHORTENERS: true,
        LINK_RDAP_LOOKUP: false,
      },
    );
  });

  it('parses numbers and trims the RDAP URL', () => {
    expect(
      parseEnv(linkInspectionEnv, {
        LINK_INSPECTION_TIMEOUT_MS: '800',
        LINK_MAX_REDIRECTS: '0',
        RDAP_BASE_URL: 'https://rdap.example.net/',
      }),
    ).toMatchObject({
      LINK_INSPECTION_TIMEOUT_MS: 800,
      LINK_MAX_REDIRECTS: 0,
      RDAP_BASE_URL: 'https://rdap.example.net',
    });
  });

  it('rejects unclear flags, out-of-range numbers and non-http RDAP URLs', () => {
    expect(() => parseEnv(linkInspectionEnv, { LINK_EXPAND_SHORTENERS: 'maybe' })).toThrow(
      /LINK_EXPAND_SHORTENERS/,
    );
    expect(() => parseEnv(linkInspectionEnv, { LINK_INSPECTION_TIMEOUT_MS: '0' })).toThrow(
      /LINK_INSPECTION_TIMEOUT_MS/,
    );
    expect(() => parseEnv(linkInspectionEnv, { LINK_MAX_REDIRECTS: '11' })).toThrow(/LINK_MAX_REDIRECTS/);
    expect(() => parseEnv(linkInspectionEnv, { RDAP_BASE_URL: 'file:///etc/passwd' })).toThrow(
      /RDAP_BASE_URL: must be an http\(s\) URL/,
    );
  });
});

describe('authEnv', () => {
  const ed = generateKeyPairSync('ed25519');
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = (key: KeyObject) =>
    key.export({ format: 'pem', type: key.type === 'private' ? 'pkcs8' : 'spki' }).toString();
  const pepper = Buffer.alloc(32, 7).toString('base64');
  const required = { AUTH_JWT_PRIVATE_KEY: pem(ed.privateKey), AUTH_API_KEY_PEPPER: pepper };

  it('has no default for the signing key or the pepper', () => {
    expect(() => parseEnv(authEnv, {})).toThrow(/AUTH_JWT_PRIVATE_KEY/);
    expect(() => parseEnv(authEnv, {})).toThrow(/AUTH_API_KEY_PEPPER/);
  });

  it('parses the key once into a KeyObject, and applies the defaults', () => {
    const config = parseEnv(authEnv, required);
    expect(config.AUTH_JWT_PRIVATE_KEY.type).toBe('private');
    expect(config.AUTH_JWT_PRIVATE_KEY.asymmetricKeyType).toBe('ed25519');
    expect(config).toMatchObject({
      AUTH_JWT_PREVIOUS_PUBLIC_KEYS: [],
      AUTH_JWT_ISSUER: 'elara',
      AUTH_JWT_AUDIENCE: 'elara-admin-api',
      AUTH_ACCESS_TOKEN_TTL_SECONDS: 600,
      AUTH_REFRESH_IDLE_SECONDS: 604_800,
      AUTH_REFRESH_ABSOLUTE_SECONDS: 2_592_000,
      AUTH_LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: 5,
      AUTH_LOGIN_MAX_ATTEMPTS_PER_IP: 50,
      AUTH_LOGIN_WINDOW_SECONDS: 900,
    });
  });

  it('accepts P-256, a JWK, and PEM newlines written as \\n', () => {
    const jwk = JSON.stringify(p256.privateKey.export({ format: 'jwk' }));
    expect(
      parseEnv(authEnv, { ...required, AUTH_JWT_PRIVATE_KEY: jwk }).AUTH_JWT_PRIVATE_KEY.asymmetricKeyType,
    ).toBe('ec');
    const oneLine = pem(ed.privateKey).replace(/\n/g, '\\n');
    expect(parseEnv(authEnv, { ...required, AUTH_JWT_PRIVATE_KEY: oneLine }).AUTH_JWT_PRIVATE_KEY.type).toBe(
      'private',
    );
  });

  it('refuses other key types and public keys as the signing key, without echoing them', () => {
    const attempt = (value: string) => () => parseEnv(authEnv, { ...required, AUTH_JWT_PRIVATE_KEY: value });
    expect(attempt(pem(rsa.privateKey))).toThrow(
      /AUTH_JWT_PRIVATE_KEY: must be an Ed25519 or P-256 private key/,
    );
    expect(attempt(pem(ed.publicKey))).toThrow(/AUTH_JWT_PRIVATE_KEY/);
    expect(attempt('not-a-key-SECRETVALUE')).toThrow(/AUTH_JWT_PRIVATE_KEY/);
    expect(attempt('not-a-key-SECRETVALUE')).not.toThrow(/SECRETVALUE/);
  });

  it('reads previous public keys as JWKs, PEMs or a JWK Set, and refuses private ones', () => {
    const jwk = p256.publicKey.export({ format: 'jwk' });
    const list = (value: unknown) =>
      parseEnv(authEnv, { ...required, AUTH_JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify(value) })
        .AUTH_JWT_PREVIOUS_PUBLIC_KEYS;
    expect(list([jwk, pem(ed.publicKey)]).map((k) => k.type)).toEqual(['public', 'public']);
    expect(list({ keys: [jwk] })).toHaveLength(1);
    expect(() => list([p256.privateKey.export({ format: 'jwk' })])).toThrow(/AUTH_JWT_PREVIOUS_PUBLIC_KEYS/);
    expect(() => list([pem(ed.privateKey)])).toThrow(/AUTH_JWT_PREVIOUS_PUBLIC_KEYS/);
    expect(() => list([pem(rsa.publicKey)])).toThrow(/AUTH_JWT_PREVIOUS_PUBLIC_KEYS/);
    expect(() => list('nope')).toThrow(/AUTH_JWT_PREVIOUS_PUBLIC_KEYS/);
  });

  it('keeps lifetimes in range, so the idle expiry never exceeds the absolute one', () => {
    const attempt = (env: Record<string, string>) => () => parseEnv(authEnv, { ...required, ...env });
    expect(attempt({ AUTH_ACCESS_TOKEN_TTL_SECONDS: '7200' })).toThrow(/AUTH_ACCESS_TOKEN_TTL_SECONDS/);
    expect(attempt({ AUTH_REFRESH_IDLE_SECONDS: '1209600' })).toThrow(/AUTH_REFRESH_IDLE_SECONDS/);
    expect(attempt({ AUTH_REFRESH_ABSOLUTE_SECONDS: '86400' })).toThrow(/AUTH_REFRESH_ABSOLUTE_SECONDS/);
    expect(attempt({ AUTH_API_KEY_PEPPER: 'c2hvcnQ=' })).toThrow(/AUTH_API_KEY_PEPPER: must be 32 bytes/);
  });
});

describe('metricsEnv', () => {
  it("defaults to the service's port on loopback", () => {
    expect(parseEnv(metricsEnv(9465), {})).toEqual({ METRICS_PORT: 9465, METRICS_HOST: '127.0.0.1' });
  });

  it('accepts 0 (off) and another host, and refuses ports out of range', () => {
    expect(parseEnv(metricsEnv(9464), { METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' })).toEqual({
      METRICS_PORT: 0,
      METRICS_HOST: '0.0.0.0',
    });
    expect(() => parseEnv(metricsEnv(9464), { METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    expect(() => parseEnv(metricsEnv(9464), { METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT/);
  });
});

describe('telemetryEnv', () => {
  it('is off by default', () => {
    expect(parseEnv(telemetryEnv, {})).toEqual({
      SENTRY_ENVIRONMENT: 'development',
      SENTRY_TRACES_SAMPLE_RATE: 0,
    });
  });

  it('reads the endpoint, DSN, environment and sample rate', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      SENTRY_DSN: 'https://key@o1.ingest.sentry.io/42',
      SENTRY_ENVIRONMENT: 'production',
      SENTRY_TRACES_SAMPLE_RATE: '0.25',
    };
    expect(parseEnv(telemetryEnv, env)).toEqual({ ...env, SENTRY_TRACES_SAMPLE_RATE: 0.25 });
  });

  it('refuses a bad endpoint, DSN or rate without echoing the DSN', () => {
    expect(() => parseEnv(telemetryEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://x:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() => parseEnv(telemetryEnv, { SENTRY_TRACES_SAMPLE_RATE: '2' })).toThrow(
      /SENTRY_TRACES_SAMPLE_RATE/,
    );
    const bad = () => parseEnv(telemetryEnv, { SENTRY_DSN: 'not-a-dsn-secret123' });
    expect(bad).toThrow(/SENTRY_DSN/);
    expect(bad).not.toThrow(/secret123/);
  });
});
