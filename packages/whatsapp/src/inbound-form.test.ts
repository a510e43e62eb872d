import { describe, expect, it } from 'vitest';
import { inboundFormSchema, mediaItems } from './inbound-form.ts';

const valid = {
  MessageSid: `SM${'a'.repeat(32)}`,
  AccountSid: `AC${'b'.repeat(32)}`,
  From: 'whatsapp:+15551234567',
  To: 'whatsapp:+14155238886',
  Body: 'hello',
  NumMedia: '0',
  SmsStatus: 'received',
};

describe('inbound form', () => {
  it('accepts Twilio fields, strips the whatsapp: prefix and ignores fields it does not use', () => {
    const parsed = inboundFormSchema.parse(valid);
    expect(parsed).toMatchObject({ From: '+15551234567', To: '+14155238886', NumMedia: 0, Body: 'hello' });
    expect(parsed).not.toHaveProperty('SmsStatus');
  });

  it.each([
    ['an SMS address', { From: '+15551234567' }],
    ['a malformed SID', { MessageSid: 'SM123' }],
    ['a malformed account SID', { AccountSid: 'ACxyz' }],
    ['too much media', { NumMedia: '11' }],
    ['a body over 4,096 characters', { Body: 'x'.repeat(4_097) }],
  ])('rejects %s', (_name, change) => {
    expect(inboundFormSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('takes only https media URLs, as many as NumMedia says', () => {
    const params = {
      MediaUrl0: 'https://api.twilio.com/media/1',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'http://evil.example/2',
      MediaUrl2: 'https://api.twilio.com/media/3',
    };
    expect(mediaItems(params, 2)).toEqual([
      { url: 'https://api.twilio.com/media/1', contentType: 'image/jpeg' },
    ]);
    expect(mediaItems(params, 3)).toHaveLength(2);
  });
});
