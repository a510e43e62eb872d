import { describe, expect, it } from 'vitest';
import { isIpLiteral, isSameOrSubdomain, splitHost } from './url-host.ts';

describe('splitHost', () => {
  it('splits a plain domain', () => {
    expect(splitHost('login.secure.demobank.com')).toEqual({
      labels: ['login', 'secure', 'demobank', 'com'],
      suffix: 'com',
      registrable: 'demobank.com',
      name: 'demobank',
      subdomains: ['login', 'secure'],
    });
  });

  it('treats co.uk-style country suffixes as one suffix', () => {
    expect(splitHost('www.demobank.co.uk')).toMatchObject({
      suffix: 'co.uk',
      registrable: 'demobank.co.uk',
      name: 'demobank',
    });
    expect(splitHost('shop.example.com.br')).toMatchObject({ registrable: 'example.com.br' });
  });
});

describe('isIpLiteral', () => {
  it.each(['192.168.0.1', '[::1]', '3232235777', '0xc0a80001'])('accepts %s', (host) => {
    expect(isIpLiteral(host)).toBe(true);
  });

  it.each(['999.1.1.1', 'example.com', '1.2.3'])('rejects %s', (host) => {
    expect(isIpLiteral(host)).toBe(false);
  });
});

describe('isSameOrSubdomain', () => {
  it('matches the domain and its subdomains only', () => {
    expect(isSameOrSubdomain('pay.demobank.com', 'demobank.com')).toBe(true);
    expect(isSameOrSubdomain('demobank.com', 'demobank.com')).toBe(true);
    expect(isSameOrSubdomain('evildemobank.com', 'demobank.com')).toBe(false);
  });
});
