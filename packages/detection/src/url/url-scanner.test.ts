import { describe, expect, it } from 'vitest';
import type { LinkFacts, ThreatLookup, ThreatMatch } from '../detection.types.ts';
import { createBrandContext } from '../brand/brand-context.ts';
import { parseUrl } from './url-extractor.ts';
import { NEW_DOMAIN_DAYS, scanUrl } from './url-scanner.ts';
import type { UrlScanExtras } from './url-scanner.ts';

const context = createBrandContext(['demobank.com'], {
  allow: ['partner-payments.com', 'https://www.DemoBank-Careers.com/jobs'],
  block: ['evil-bank.example', 'tracker.good-cdn.com'],
});

/** A feed that lists exact hosts, and records every lookup it answers. */
function fakeFeed(listed: Record<string, ThreatMatch[]>): ThreatLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    match(url, host) {
      calls.push(url);
      return listed[host] ?? [];
    },
  };
}

function scan(url: string, extras: UrlScanExtras = {}) {
  const parsed = parseUrl(url);
  if (!parsed) throw new Error(`not a URL: ${url}`);
  return scanUrl(parsed, context, extras);
}

function codes(url: string, extras: UrlScanExtras = {}): string[] {
  return scan(url, extras).signals.map((s) => s.code);
}

const feed = fakeFeed({
  'phish.example': [
    { feed: 'openphish', kind: 'host' },
    { feed: 'urlhaus', kind: 'domain' },
    { feed: 'openphish', kind: 'url' },
  ],
  'demobank.com': [{ feed: 'bad-feed', kind: 'domain' }],
  'partner-payments.com': [{ feed: 'bad-feed', kind: 'domain' }],
  'landing.example': [{ feed: 'urlhaus', kind: 'host' }],
});

describe('scanUrl: threat feeds', () => {
  it('flags a listed link with the feed names, strongly', () => {
    const finding = scan('https://phish.example/x', { threats: feed });
    expect(finding.signals[0]).toEqual({
      code: 'url.threat_feed',
      weight: 0.95,
      detail: 'openphish, urlhaus',
    });
    expect(finding.feeds).toEqual(['openphish', 'urlhaus']);
    expect(finding.risk).toBeGreaterThanOrEqual(0.95);
  });

  it('looks up every untrusted link with its normalised URL', () => {
    feed.calls.length = 0;
    scan('HTTPS://Clean.Example:443/a', { threats: feed });
    expect(feed.calls).toEqual(['https://clean.example/a']);
  });

  it('leaves a link no feed lists without the signal or a feeds field', () => {
    const finding = scan('https://clean.example/', { threats: feed });
    expect(finding.signals.map((s) => s.code)).not.toContain('url.threat_feed');
    expect(finding).not.toHaveProperty('feeds');
  });

  it('never flags the tenant brand or allowed domains, even when a feed lists them', () => {
    for (const url of ['https://demobank.com/login', 'https://pay.partner-payments.com/login']) {
      expect(scan(url, { threats: feed })).toEqual({
        url: parseUrl(url)?.url,
        host: parseUrl(url)?.host,
        signals: [],
        risk: 0,
      });
    }
  });
});

describe('scanUrl: tenant lists', () => {
  it('flags blocked domains and their subdomains', () => {
    expect(codes('https://evil-bank.example/')).toContain('url.tenant_blocked');
    expect(codes('https://login.evil-bank.example/')).toContain('url.tenant_blocked');
    const finding = scan('https://evil-bank.example/');
    expect(finding.signals[0]).toMatchObject({ code: 'url.tenant_blocked', weight: 0.95 });
  });

  it('does not flag a domain that merely ends like a blocked one', () => {
    expect(codes('https://notevil-bank.example/')).not.toContain('url.tenant_blocked');
  });

  it('treats allowed domains (written as URLs too) like brand domains', () => {
    expect(scan('http://www.demobank-careers.com:8080/login').signals).toEqual([]);
  });

  it('lets a more specific block entry win over an allowed parent', () => {
    const lists = createBrandContext(['demobank.com'], {
      allow: ['good-cdn.com'],
      block: ['tracker.good-cdn.com'],
    });
    const link = parseUrl('https://tracker.good-cdn.com/x');
    const other = parseUrl('https://img.good-cdn.com/x');
    expect(link && scanUrl(link, lists).signals.map((s) => s.code)).toContain('url.tenant_blocked');
    expect(other && scanUrl(other, lists).signals).toEqual([]);
  });

  it('never blocks the tenant brand domains, whatever the block list says', () => {
    const lists = createBrandContext(['demobank.com'], { allow: [], block: ['demobank.com'] });
    const link = parseUrl('https://demobank.com/');
    expect(link && scanUrl(link, lists).signals).toEqual([]);
  });
});

describe('scanUrl: link facts', () => {
  const facts = (url: string, value: LinkFacts) => new Map([[url, value]]);

  it('scans the final URL of a redirect and merges its signals, noting the final host', () => {
    const finding = scan('https://bit.ly/abc', {
      linkFacts: facts('https://bit.ly/abc', { finalUrl: 'http://dem0bank.com/login', redirects: 2 }),
    });
    const found = finding.signals.map((s) => s.code);
    expect(found).toEqual(expect.arrayContaining(['url.shortener', 'url.redirects', 'url.lookalike_tenant']));
    expect(finding.signals.find((s) => s.code === 'url.redirects')).toEqual({
      code: 'url.redirects',
      weight: 0.1,
      detail: 'dem0bank.com',
    });
    expect(finding.host).toBe('bit.ly');
    expect(finding.signals[0]?.code).toBe('url.lookalike_tenant');
  });

  it('looks the final URL up in the feeds too', () => {
    const finding = scan('https://bit.ly/abc', {
      threats: feed,
      linkFacts: facts('https://bit.ly/abc', { finalUrl: 'https://landing.example/p' }),
    });
    expect(finding.feeds).toEqual(['urlhaus']);
    expect(finding.signals[0]?.code).toBe('url.threat_feed');
  });

  it('adds no signals for a final URL on a trusted domain, only the redirect note', () => {
    const finding = scan('https://bit.ly/abc', {
      threats: feed,
      linkFacts: facts('https://bit.ly/abc', { finalUrl: 'https://www.demobank.com/login' }),
    });
    expect(finding.signals.map((s) => s.code).sort()).toEqual(['url.redirects', 'url.shortener']);
  });

  it('ignores facts stored under another URL, and unparsable final URLs', () => {
    expect(
      codes('https://bit.ly/abc', {
        linkFacts: facts('https://bit.ly/other', { finalUrl: 'http://dem0bank.com/' }),
      }),
    ).toEqual(['url.shortener']);
    expect(
      codes('https://bit.ly/abc', { linkFacts: facts('https://bit.ly/abc', { finalUrl: 'not a url' }) }),
    ).toEqual(['url.shortener']);
  });

  it('does not note a redirect that stays on the same host', () => {
    expect(
      codes('http://example.com/a', {
        linkFacts: facts('http://example.com/a', { finalUrl: 'https://example.com/b' }),
      }),
    ).not.toContain('url.redirects');
  });

  it(`flags a domain younger than ${NEW_DOMAIN_DAYS} days, not an older one`, () => {
    const young = scan('https://fresh.example/', {
      linkFacts: facts('https://fresh.example/', { domainAgeDays: 3 }),
    });
    expect(young.signals).toContainEqual({ code: 'url.new_domain', weight: 0.5, detail: 'fresh.example' });
    expect(
      codes('https://fresh.example/', {
        linkFacts: facts('https://fresh.example/', { domainAgeDays: NEW_DOMAIN_DAYS }),
      }),
    ).not.toContain('url.new_domain');
  });

  it('names the final host when the age belongs to where the link leads', () => {
    const finding = scan('https://bit.ly/x', {
      linkFacts: facts('https://bit.ly/x', { finalUrl: 'https://fresh.example/', domainAgeDays: 1 }),
    });
    expect(finding.signals.find((s) => s.code === 'url.new_domain')?.detail).toBe('fresh.example');
  });

  it('keeps one signal per code, strongest first, and a risk within 0..1', () => {
    const finding = scan('http://185.23.4.9:8080/login', {
      linkFacts: facts('http://185.23.4.9:8080/login', { finalUrl: 'http://10.0.0.1/verify' }),
    });
    const found = finding.signals.map((s) => s.code);
    expect(new Set(found).size).toBe(found.length);
    const weights = finding.signals.map((s) => s.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(finding.risk).toBeGreaterThan(0.6);
    expect(finding.risk).toBeLessThan(1);
  });

  it('gives no signal and zero risk to any link on the tenant domain, whatever its facts', () => {
    const finding = scan('http://secure.demobank.com:8080/account/login/verify', {
      threats: feed,
      linkFacts: facts('http://secure.demobank.com:8080/account/login/verify', {
        finalUrl: 'http://dem0bank.com/',
        domainAgeDays: 1,
      }),
    });
    expect(finding).toMatchObject({ signals: [], risk: 0 });
  });
});
