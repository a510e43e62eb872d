import { describe, expect, it } from 'vitest';
import {
  hostAndParents,
  isIpLiteral,
  isSameOrSubdomain,
  registrableDomain,
  splitHost,
  toAsciiHost,
  toUnicodeHost,
} from './url-host.ts';

describe('splitHost', () => {
  it('splits a plain domain', () => {
    expect(splitHost('login.secure.demobank.com')).toEqual({
      labels: ['login', 'secure', 'demobank', 'com'],
      suffix: 'com',
      privateSuffix: false,
      registrable: 'demobank.com',
      name: 'demobank',
      subdomains: ['login', 'secure'],
      unicodeName: 'demobank',
      unicodeSubdomains: ['login', 'secure'],
    });
  });

  it('uses the Public Suffix List for multi-label suffixes', () => {
    expect(splitHost('www.demobank.co.uk')).toMatchObject({
      suffix: 'co.uk',
      registrable: 'demobank.co.uk',
      name: 'demobank',
    });
    expect(splitHost('shop.example.com.br')).toMatchObject({ registrable: 'example.com.br' });
    expect(splitHost('impots.gouv.fr')).toMatchObject({ suffix: 'gouv.fr', name: 'impots' });
    // Not a public suffix, so not treated as one (the old guess said "ltd.example").
    expect(splitHost('a.ltd.example')).toMatchObject({ registrable: 'ltd.example', name: 'ltd' });
  });

  it('treats hosting platforms as suffixes: each customer site is its own domain', () => {
    expect(splitHost('paypal-login.github.io')).toMatchObject({
      suffix: 'github.io',
      privateSuffix: true,
      registrable: 'paypal-login.github.io',
      name: 'paypal-login',
    });
    expect(splitHost('github.io')).toMatchObject({
      registrable: 'github.io',
      name: 'github',
      privateSuffix: false,
    });
  });

  it('decodes punycode labels for look-alike analysis', () => {
    expect(splitHost('xn--demobnk-6fg.xn--80ak6aa92e.com')).toMatchObject({
      name: 'xn--80ak6aa92e',
      unicodeName: '\u0430\u0440\u0440\u04cf\u0435',
      unicodeSubdomains: ['demob\u0430nk'],
    });
  });

  it('treats an unknown TLD as a one-label suffix', () => {
    expect(splitHost('evil.example')).toMatchObject({ suffix: 'example', registrable: 'evil.example' });
  });
});

describe('registrableDomain', () => {
  it('answers with the ICANN registrable domain, as RDAP knows it', () => {
    expect(registrableDomain('a.b.demobank.co.uk')).toBe('demobank.co.uk');
    expect(registrableDomain('paypal-login.github.io')).toBe('github.io');
  });

  it('has none for IPs and bare suffixes', () => {
    expect(registrableDomain('192.168.0.1')).toBeNull();
    expect(registrableDomain('[::1]')).toBeNull();
    expect(registrableDomain('co.uk')).toBeNull();
  });
});

describe('isIpLiteral', () => {
  it.each(['192.168.0.1', '0.0.0.0', '[::1]', '[2001:db8::1]'])('accepts %s', (host) => {
    expect(isIpLiteral(host)).toBe(true);
  });

  it.each(['999.1.1.1', 'example.com', '1.2.3', '1.2.3.4.com', '[::1'])('rejects %s', (host) => {
    expect(isIpLiteral(host)).toBe(false);
  });
});

describe('IDN conversion', () => {
  it('converts to ASCII with UTS #46 mapping and back', () => {
    expect(toAsciiHost('DÉMOBANK.com.')).toBe('xn--dmobank-bya.com');
    expect(toAsciiHost('ｐａｙｐａｌ。com')).toBe('paypal.com');
    expect(toUnicodeHost('xn--dmobank-bya.com')).toBe('démobank.com');
    expect(toUnicodeHost('example.com')).toBe('example.com');
  });

  it('rejects hosts that cannot be converted', () => {
    expect(toAsciiHost('exa mple.com')).toBeNull();
    expect(toAsciiHost('')).toBeNull();
  });
});

describe('isSameOrSubdomain and hostAndParents', () => {
  it('matches the domain and its subdomains only', () => {
    expect(isSameOrSubdomain('pay.demobank.com', 'demobank.com')).toBe(true);
    expect(isSameOrSubdomain('demobank.com', 'demobank.com')).toBe(true);
    expect(isSameOrSubdomain('evildemobank.com', 'demobank.com')).toBe(false);
  });

  it('lists the host and each parent, most specific first', () => {
    expect(hostAndParents('a.b.demobank.com')).toEqual([
      'a.b.demobank.com',
      'b.demobank.com',
      'demobank.com',
      'com',
    ]);
  });
});
