import { describe, expect, it } from 'vitest';
import { createBrandContext } from '../brand/brand-context.ts';
import { parseUrl } from './url-extractor.ts';
import { scanUrl } from './url-signals.ts';

const context = createBrandContext(['demobank.com']);

function codes(url: string): string[] {
  const parsed = parseUrl(url);
  if (!parsed) throw new Error(`not a URL: ${url}`);
  return scanUrl(parsed, context).signals.map((s) => s.code);
}

// [code, a URL that must fire it, a near miss that must not]
const CASES: ReadonlyArray<[string, string, string]> = [
  ['url.ip_literal', 'https://185.23.4.9/login', 'https://example.com/185.23.4.9'],
  ['url.ip_literal', 'http://[2001:db8::1]/x', 'https://example.com/x'],
  ['url.userinfo', 'https://demobank.com@evil.example/x', 'https://evil.example/demobank.com'],
  ['url.punycode', 'https://xn--80ak6aa92e.com/', 'https://example.com/'],
  ['url.non_ascii_host', 'https://münchen-reisen.de/', 'https://muenchen-reisen.de/'],
  ['url.mixed_script_host', 'https://p\u0430yments.example/', 'https://payments.example/'],
  ['url.lookalike_tenant', 'https://dem0bank.com/', 'https://www.demobank.com/'],
  ['url.lookalike_brand', 'https://paypa1-secure.com/', 'https://www.paypal.com/'],
  ['url.many_subdomains', 'https://a.b.c.d.example.com/', 'https://www.mail.example.com/'],
  ['url.risky_tld', 'https://prizes.xyz/', 'https://prizes.com/'],
  ['url.shortener', 'https://bit.ly/3xYz', 'https://bitlyrics.com/'],
  ['url.suspicious_path', 'https://example.com/secure/login', 'https://example.com/recipes/cake'],
  ['url.random_label', 'https://xk7q9z2m4p8w.com/', 'https://weatherforecast.com/'],
  ['url.nonstandard_port', 'https://example.com:8443/', 'https://example.com:443/'],
  ['url.plain_http', 'http://example.com/', 'https://example.com/'],
];

describe('URL signals', () => {
  it.each(CASES)('%s fires on %s', (code, fires) => {
    expect(codes(fires)).toContain(code);
  });

  it.each(CASES)('%s stays quiet on a near miss', (code, _fires, quiet) => {
    expect(codes(quiet)).not.toContain(code);
  });

  it('gives no signal and zero risk to any link on the tenant domain', () => {
    const parsed = parseUrl('http://secure.demobank.com:8080/account/login/verify');
    expect(parsed && scanUrl(parsed, context)).toMatchObject({ signals: [], risk: 0 });
  });

  it('does not flag plain http on scheme-less links (the scheme is unknown)', () => {
    expect(codes('www.example.com/')).not.toContain('url.plain_http');
  });

  it('combines its signals into a risk between 0 and 1, strongest signal first', () => {
    const parsed = parseUrl('http://185.23.4.9:8080/login');
    const finding = parsed && scanUrl(parsed, context);
    expect(finding?.signals[0]?.code).toBe('url.ip_literal');
    expect(finding?.risk).toBeGreaterThan(0.6);
    expect(finding?.risk).toBeLessThan(1);
  });
});
