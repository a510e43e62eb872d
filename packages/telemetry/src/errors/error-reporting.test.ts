import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintFor, initErrorReporting, type ErrorReporter } from './error-reporting.ts';
import { scrubText } from './scrub.ts';

/** A stand-in for Sentry's ingest: keeps every raw envelope posted to /api/<project>/envelope/. */
const envelopes: { path: string; raw: string }[] = [];
let server: Server;
let reporter: ErrorReporter;

const PHONE = '+14155550123';
const BODY = 'URGENT your Demo Bank account is locked verify now';
const TWILIO_TOKEN = '0123456789abcdef0123456789abcdef';
const BEARER = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const API_KEY = 'elk_live_7Hq2p9XyZ';
const REFRESH = 'ert_4f9Kx2mQ';
const EMAIL = 'ana.souza@example.com';
const SECRETS = [
  PHONE,
  '4155550123',
  BODY,
  'Demo Bank account',
  TWILIO_TOKEN,
  BEARER,
  API_KEY,
  REFRESH,
  EMAIL,
];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const data = Buffer.concat(chunks);
      const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(data) : data;
      envelopes.push({ path: req.url ?? '', raw: raw.toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  reporter = initErrorReporting({
    dsn: `http://public@127.0.0.1:${port}/42`,
    service: 'worker',
    release: 'elara@1.2.3',
    environment: 'test',
    captureUnhandled: false,
  });
});

afterAll(async () => {
  await reporter.close();
  await new Promise((resolve) => server.close(resolve));
});

class TwilioSendError extends Error {
  override name = 'TwilioSendError';
  details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown>) {
    super(message);
    this.details = details;
  }
}

describe('initErrorReporting', () => {
  it('is off without a DSN', () => {
    expect(initErrorReporting({ service: 'api', release: 'x', environment: 'test' }).enabled).toBe(false);
  });

  it('sends a scrubbed event with tags, release, environment and a cause fingerprint', async () => {
    const error = new TwilioSendError(
      `send to whatsapp:${PHONE} failed: "${BODY}" (Authorization: Bearer ${BEARER}, token=${TWILIO_TOKEN}, key ${API_KEY}, refresh ${REFRESH}, owner ${EMAIL})`,
      { From: `whatsapp:${PHONE}`, Body: BODY, headers: { authorization: `Basic ${TWILIO_TOKEN}` } },
    );
    reporter.captureError(error, {
      tenantId: 'tenant-1',
      jobName: 'whatsapp.processInbound',
      queue: 'whatsapp-inbound',
    });
    expect(await reporter.flush(5_000)).toBe(true);

    expect(envelopes).toHaveLength(1);
    const { path, raw } = envelopes[0]!;
    expect(path).toMatch(/^\/api\/42\/envelope\//);
    for (const secret of SECRETS) expect(raw).not.toContain(secret);

    const event = JSON.parse(raw.split('\n')[2]!) as {
      tags: Record<string, string>;
      release: string;
      environment: string;
      fingerprint: string[];
      exception: { values: { type: string; value: string }[] };
    };
    expect(event.release).toBe('elara@1.2.3');
    expect(event.environment).toBe('test');
    expect(event.tags).toMatchObject({
      tenant_id: 'tenant-1',
      job_name: 'whatsapp.processInbound',
      queue: 'whatsapp-inbound',
      service: 'worker',
    });
    expect(event.fingerprint).toEqual(['TwilioSendError', 'whatsapp.processInbound']);
    expect(event.exception.values[0]?.type).toBe('TwilioSendError');
    expect(event.exception.values[0]?.value).toContain('whatsapp:[phone]');
  });
});

describe('fingerprintFor', () => {
  it('prefers the route, then the job, over the message', () => {
    const exception = { values: [{ type: 'Inner' }, { type: 'PgError', value: 'id 1' }] };
    expect(fingerprintFor({ exception, tags: { route: 'POST /api/v1/users', job_name: 'x' } })).toEqual([
      'PgError',
      'POST /api/v1/users',
    ]);
    expect(fingerprintFor({ message: 'no exception' })).toBeUndefined();
  });
});

describe('scrubText', () => {
  it.each([
    [`from ${PHONE} to whatsapp:+447700900123`, 'from [phone] to whatsapp:[phone]'],
    ['From=whatsapp%3A%2B14155550123&Body=hello there', 'From=whatsapp%3A[phone]&Body=[redacted]'],
    [`Authorization: Bearer ${BEARER}`, 'Authorization: [redacted] [redacted]'],
    [`auth ${TWILIO_TOKEN}`, 'auth [redacted]'],
    [`key ${API_KEY}, ${REFRESH}`, 'key elk_[redacted], ert_[redacted]'],
    [`mail ${EMAIL}`, 'mail [email]'],
    [`quoted “${BODY}”`, 'quoted "[redacted]"'],
    [
      'tenant 5d9a3a52-7c1e-4a57-9a57-0a6f3f1f1a01 timed out after 10000 ms',
      'tenant 5d9a3a52-7c1e-4a57-9a57-0a6f3f1f1a01 timed out after 10000 ms',
    ],
  ])('%s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });
});
