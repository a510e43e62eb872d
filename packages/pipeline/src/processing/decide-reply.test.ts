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
  it('scans and answers with a verdict in the language the message is written in', () => {
    const plan = decideReply(context(), { allowed: true });
    expect(plan.kind).toBe('verdict');
    if (plan.kind !== 'verdict') return;
    expect(plan.scan.verdict).toBe('scam');
    expect(plan.scan.language).toBe('en');
    expect(plan.language).toBe('en');
    const french = decideReply(context({ body: 'Votre colis est bloqué, payez les frais de douane ici' }), {
      allowed: true,
    });
    expect(french.language).toBe('fr');
  });

  it("answers a message too short to tell in the user's language, else the tenant's", () => {
    const short = { body: 'and this? http://dem0bank-login.xyz' };
    const withUser = context({ ...short, user: { id: 'u', language: 'pt', firstContact: false } });
    expect(decideReply(withUser, { allowed: true }).language).toBe('pt');
    expect(decideReply(context(short), { allowed: true }).language).toBe('es');
  });

  it('passes threat feeds and tenant lists to the scan', () => {
    const body = 'Look at this: https://partner-pay.example/login';
    const blocked = decideReply(
      context({ body }),
      { allowed: true },
      { tenantLists: { allow: [], block: ['partner-pay.example'] } },
    );
    expect(blocked.kind === 'verdict' && blocked.scan.verdict).toBe('scam');
    const listed = decideReply(
      context({ body }),
      { allowed: true },
      {
        threats: {
          match: (_url, host) =>
            host === 'partner-pay.example' ? [{ feed: 'openphish', kind: 'host' }] : [],
        },
      },
    );
    expect(listed.kind === 'verdict' && listed.scan.signals.map((s) => s.code)).toContain('url.threat_feed');
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
