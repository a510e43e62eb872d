import { describe, expect, it } from 'vitest';
import type { ThreatLookup } from '../detection.types.ts';
import { scanMessage } from '../scan-message.ts';

// The URL inputs of ScanInput (threats, tenantLists, linkFacts) as they reach the URL scan
// through scanMessage. Verdicts beyond "a listed link is a scam" belong to scan-message.test.ts.

const brandDomains = ['demobank.com'];
const feed: ThreatLookup = {
  match: (url, host) =>
    host === 'phish.example' || url === 'https://bit.ly/abc' ? [{ feed: 'openphish', kind: 'host' }] : [],
};

describe('scanMessage URL inputs', () => {
  it('flags a link a threat feed lists, naming the feed, and calls the message a scam', () => {
    const result = scanMessage({ text: 'hello, see https://phish.example/x', brandDomains, threats: feed });
    expect(result.urls[0]).toMatchObject({ host: 'phish.example', feeds: ['openphish'] });
    expect(result.signals[0]).toEqual({ code: 'url.threat_feed', weight: 0.95, detail: 'openphish' });
    expect(result.verdict).toBe('scam');
  });

  it('trusts the tenant allow list like its brand domains', () => {
    const result = scanMessage({
      text: 'Pay your bill at https://pay.partner-payments.com/login',
      brandDomains,
      threats: { match: () => [{ feed: 'noisy', kind: 'domain' }] },
      tenantLists: { allow: ['partner-payments.com'], block: [] },
    });
    expect(result.urls[0]).toEqual({
      url: 'https://pay.partner-payments.com/login',
      host: 'pay.partner-payments.com',
      signals: [],
      risk: 0,
    });
  });

  it('flags the tenant block list', () => {
    const result = scanMessage({
      text: 'see https://login.fake-demo.example/',
      brandDomains,
      tenantLists: { allow: [], block: ['fake-demo.example'] },
    });
    expect(result.signals.map((s) => s.code)).toContain('url.tenant_blocked');
  });

  it('merges what link facts say about where a shortener leads', () => {
    const result = scanMessage({
      text: 'Your parcel is waiting: bit.ly/parcel1',
      brandDomains,
      linkFacts: new Map([
        ['http://bit.ly/parcel1', { finalUrl: 'https://dem0bank.com/login', redirects: 2 }],
      ]),
    });
    const codes = result.urls[0]?.signals.map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['url.lookalike_tenant', 'url.redirects', 'url.shortener']));
    expect(result.verdict).toBe('scam');
  });

  it('flags a new domain from link facts', () => {
    const result = scanMessage({
      text: 'look https://fresh.example/',
      brandDomains,
      linkFacts: new Map([['https://fresh.example/', { domainAgeDays: 2 }]]),
    });
    expect(result.signals.map((s) => s.code)).toContain('url.new_domain');
  });

  it.each([
    'https://demobank-secure.com/login',
    'https://dem0bank.com/',
    'https://demob\u0430nk.com/',
    'https://xn--demobnk-6fg.com/',
    'https://demobank.com.verify.io/',
  ])('calls a look-alike of the demo tenant (%s) a scam', (link) => {
    const result = scanMessage({ text: `Please check ${link}`, brandDomains });
    expect(result.urls[0]?.signals.map((s) => s.code)).toContain('url.lookalike_tenant');
    expect(result.verdict).toBe('scam');
  });
});
