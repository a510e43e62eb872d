import { describe, expect, it } from 'vitest';
import { SIGNAL_CODES } from '../detection.types.ts';
import { createBrandContext } from '../brand/brand-context.ts';
import { parseUrl } from './url-extractor.ts';
import { lexicalSignals, suspiciousPathWord, URL_SIGNAL_WEIGHTS } from './url-signals.ts';
import type { Signal } from '../detection.types.ts';

const context = createBrandContext(['demobank.com']);

function signals(url: string): Signal[] {
  const parsed = parseUrl(url);
  if (!parsed) throw new Error(`not a URL: ${url}`);
  return lexicalSignals(parsed, context);
}

function codes(url: string): string[] {
  return signals(url).map((s) => s.code);
}

// [code, a URL that must fire it, a near miss that must not]
const CASES: ReadonlyArray<[string, string, string]> = [
  ['url.ip_literal', 'https://185.23.4.9/login', 'https://example.com/185.23.4.9'],
  ['url.ip_literal', 'http://[2001:db8::1]/x', 'https://2001-db8.example.com/x'],
  ['url.ip_literal', 'http://3232235777/', 'http://3232235777.example.com/'],
  ['url.userinfo', 'https://demobank.com@evil.example/x', 'https://evil.example/@demobank.com'],
  ['url.userinfo', 'https://user:pass@evil.example/', 'https://evil.example/?user=pass'],
  ['url.userinfo', 'https://:secret@evil.example/', 'https://evil.example/:secret'],
  ['url.punycode', 'https://xn--80ak6aa92e.com/', 'https://\u0430\u0440\u0440\u04cf\u0435.com/'],
  ['url.non_ascii_host', 'https://münchen-reisen.de/', 'https://muenchen-reisen.de/'],
  ['url.non_ascii_host', 'https://пример.рф/', 'https://primer.ru/'],
  ['url.mixed_script_host', 'https://p\u0430yments.example/', 'https://payments.example/'],
  [
    'url.mixed_script_host',
    'https://xn--pyments-8fg.example/',
    'https://\u043f\u0440\u0438\u043c\u0435\u0440.com/',
  ],
  ['url.lookalike_tenant', 'https://dem0bank.com/', 'https://bank-demo.com/'],
  ['url.lookalike_tenant', 'https://demobank.com.verify.io/', 'https://verify.io/demobank.com'],
  ['url.lookalike_brand', 'https://paypa1-secure.com/', 'https://www.paypal.com/'],
  ['url.lookalike_brand', 'https://dhl-parcel.info/', 'https://groups.io/'],
  ['url.many_subdomains', 'https://a.b.c.d.example.com/', 'https://www.mail.example.com/'],
  ['url.many_subdomains', 'https://secure.example.com.verify-login.net/', 'https://secure.example.net/'],
  ['url.risky_tld', 'https://prizes.xyz/', 'https://prizes.com/'],
  ['url.risky_tld', 'https://parcel-help.top/', 'https://top.example.com/'],
  ['url.shortener', 'https://bit.ly/3xYz', 'https://bitlyrics.com/'],
  ['url.shortener', 'https://www.tinyurl.com/abc', 'https://tinyurl.com.example.org/'],
  ['url.suspicious_path', 'https://example.com/secure/login', 'https://example.com/recipes/cake'],
  ['url.suspicious_path', 'https://example.com/pay/now', 'https://example.com/paysage/alpes'],
  ['url.suspicious_path', 'https://example.com/%6C%6F%67%69%6E', 'https://example.com/%6C%6F%67'],
  ['url.random_label', 'https://xk7q9z2m4p8w.com/', 'https://weatherforecast.com/'],
  ['url.random_label', 'https://bcdfghjklmnp.net/', 'https://my-long-company-name-online.net/'],
  ['url.nonstandard_port', 'https://example.com:8443/', 'https://example.com:443/'],
  ['url.nonstandard_port', 'http://example.com:8080/', 'http://example.com:80/'],
  ['url.plain_http', 'http://example.com/', 'https://example.com/'],
];

describe('lexical URL signals', () => {
  it.each(CASES)('%s fires on %s', (code, fires) => {
    expect(codes(fires)).toContain(code);
  });

  it.each(CASES)('%s stays quiet on a near miss (%s)', (code, _fires, quiet) => {
    expect(codes(quiet)).not.toContain(code);
  });

  it('gives every URL code a weight between 0 and 1', () => {
    const urlCodes = SIGNAL_CODES.filter((code) => code.startsWith('url.'));
    expect(Object.keys(URL_SIGNAL_WEIGHTS).sort()).toEqual([...urlCodes].sort());
    for (const weight of Object.values(URL_SIGNAL_WEIGHTS)) {
      expect(weight).toBeGreaterThan(0);
      expect(weight).toBeLessThanOrEqual(1);
    }
  });

  it('weighs an encoded IP above a dotted one', () => {
    const dotted = signals('http://192.168.1.1/').find((s) => s.code === 'url.ip_literal');
    const encoded = signals('http://3232235777/').find((s) => s.code === 'url.ip_literal');
    expect(encoded?.weight).toBeGreaterThan(dotted?.weight ?? 1);
    expect(encoded?.detail).toBe('192.168.1.1');
  });

  it('weighs an accented Latin host below a non-Latin one', () => {
    const accented = signals('https://münchen-reisen.de/').find((s) => s.code === 'url.non_ascii_host');
    const cyrillic = signals('https://пример.рф/').find((s) => s.code === 'url.non_ascii_host');
    expect(accented?.weight).toBeLessThan(cyrillic?.weight ?? 0);
  });

  it('shows punycode, not the disguised Unicode, in the detail', () => {
    const detail = signals('https://demob\u0430nk.com/').find(
      (s) => s.code === 'url.lookalike_tenant',
    )?.detail;
    expect(detail).toBe('xn--demobnk-6fg.com');
  });

  it('does not flag plain http on scheme-less links (the scheme is unknown)', () => {
    expect(codes('www.example.com/')).not.toContain('url.plain_http');
  });

  it('keeps details to 40 characters', () => {
    const long = `https://${'a'.repeat(30)}.${'b'.repeat(30)}.example.com/`;
    for (const signal of signals(long)) expect(signal.detail?.length ?? 0).toBeLessThanOrEqual(40);
  });
});

describe('suspiciousPathWord', () => {
  it('matches long words inside segments and short words only whole', () => {
    expect(suspiciousPathWord('/myaccount/overview')).toBe('account');
    expect(suspiciousPathWord('/cgi-bin/webscr?cmd=_login-run')).toBe('webscr');
    expect(suspiciousPathWord('/SignIn.php')).toBe('signin');
    expect(suspiciousPathWord('/kyc/start')).toBe('kyc');
    expect(suspiciousPathWord('/kycx/start')).toBeNull();
  });

  it('survives malformed percent escapes', () => {
    expect(suspiciousPathWord('/%E0%A4%A/login')).toBe('login');
  });
});
