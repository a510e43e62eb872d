import { describe, expect, it } from 'vitest';
import { decideReply } from './decide-reply.ts';
import type { MessageContext } from './message-context.repo.ts';

const context = (overrides: Partial<MessageContext> = {}): MessageContext => ({
  status: 'received',
  body: 'URGENT: verify your PIN at http://dem0bank-login.xyz now',
  numMedia: 0,
  fromPhone: '+15550001111',
  sender: { id: 's', phoneNumber: '+15550002222', accountSid: `AC${'0'.repeat(32)}`, authTokenSealed: 'x' },
  tenantName: 'Demo Bank',
  tier: 'standard',
  defaultLanguage: 'es',
  brandDomains: ['demobank.com'],
  user: { id: 'u', language: null, firstContact: false },
  reply: null,
  ...overrides,
});

describe('decideReply', () => {
  it('scans and answers with a verdict, in the tenant language when the user has none', () => {
    const plan = decideReply(context(), { allowed: true });
    expect(plan.kind).toBe('verdict');
    if (plan.kind !== 'verdict') return;
    expect(plan.scan.verdict).toBe('scam');
    expect(plan.language).toBe('es');
  });

  it("prefers the user's own language", () => {
    const plan = decideReply(context({ user: { id: 'u', language: 'pt', firstContact: false } }), {
      allowed: true,
    });
    expect(plan.language).toBe('pt');
  });

  it('answers a message that is only attachments without scanning or calling it safe', () => {
    const plan = decideReply(context({ body: '  ', numMedia: 1 }), { allowed: true });
    expect(plan.kind).toBe('media_only');
  });

  it('sends the rate-limit notice once, then nothing', () => {
    expect(decideReply(context(), { allowed: false, scope: 'user', notify: true }).kind).toBe(
      'rate_limit_notice',
    );
    expect(decideReply(context(), { allowed: false, scope: 'user', notify: false }).kind).toBe('none');
  });
});
