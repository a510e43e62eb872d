import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED_PATHS } from './logger.ts';

function capture(mixin?: () => object) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'info', version: 'v1', destination, mixin });
  return { logger, lines };
}

const PHONE = 'whatsapp:+14155550123';
const BODY = 'URGENT your account is locked';

describe('createLogger redaction', () => {
  it('redacts credentials, phone numbers and message text at any depth up to three levels', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        Body: BODY,
        job: { data: { From: PHONE, To: PHONE, body: BODY } },
        req: { headers: { authorization: 'Bearer abc', 'x-twilio-signature': 'sig', cookie: 'c=1' } },
        sender: { credentials: { authToken: 'tok', password: 'pw' } },
        user: { profile: { contact: { phone: '+14155550123', email: 'a@example.com' } } },
        list: [{ fromPhone: PHONE, text: BODY }],
        tenantId: 'tenant-1',
      },
      'inbound',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['4155550123', BODY, 'Bearer abc', '"sig"', 'c=1', '"tok"', '"pw"', 'a@example.com'])
      expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      tenantId: 'tenant-1',
      service: 'test',
      version: 'v1',
      job: { data: { From: '[redacted]', body: '[redacted]' } },
      req: { headers: { authorization: '[redacted]', 'x-twilio-signature': '[redacted]' } },
      list: [{ fromPhone: '[redacted]', text: '[redacted]' }],
    });
  });

  it('keeps the paths it had before (top level and one level down)', () => {
    for (const path of ['authToken', '*.authToken', 'Body', '*.From', '*.To', '*.phone', 'password'])
      expect(REDACTED_PATHS).toContain(path);
  });
});

describe('createLogger mixin', () => {
  it('adds the mixin fields to every line', () => {
    const { logger, lines } = capture(() => ({ trace_id: 'abc', correlation_id: 'msg-1' }));
    logger.info('one');
    logger.child({ replyId: 'r-1' }).warn('two');
    expect(lines.map((l) => [l.msg, l.trace_id, l.correlation_id])).toEqual([
      ['one', 'abc', 'msg-1'],
      ['two', 'abc', 'msg-1'],
    ]);
  });
});
