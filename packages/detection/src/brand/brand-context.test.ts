import { describe, expect, it } from 'vitest';
import { createBrandContext, hostTrust, isTrustedHost, normalizeDomain } from './brand-context.ts';

describe('normalizeDomain', () => {
  it.each([
    ['demobank.com', 'demobank.com'],
    [' https://www.DemoBank.com:443/login?x=1 ', 'demobank.com'],
    ['*.evil.example', 'evil.example'],
    ['demobank.com.', 'demobank.com'],
    ['bancodémo.es', 'xn--bancodmo-g1a.es'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['', 'localhost', 'https://', 'not a domain'])('drops %j', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

describe('hostTrust', () => {
  const context = createBrandContext(['demobank.com'], {
    allow: ['partner.example', 'cdn.example'],
    block: ['evil.example', 'bad.cdn.example', 'demobank.com'],
  });

  it.each([
    ['demobank.com', 'brand'],
    ['secure.demobank.com', 'brand'],
    ['partner.example', 'allowed'],
    ['www.partner.example', 'allowed'],
    ['img.cdn.example', 'allowed'],
    ['bad.cdn.example', 'blocked'],
    ['x.bad.cdn.example', 'blocked'],
    ['evil.example', 'blocked'],
    ['login.evil.example', 'blocked'],
    ['notevil.example', null],
    ['example.com', null],
  ])('%s is %s', (host, trust) => {
    expect(hostTrust(host, context)).toBe(trust);
  });

  it('trusts brand and allowed hosts only', () => {
    expect(isTrustedHost('secure.demobank.com', context)).toBe(true);
    expect(isTrustedHost('www.partner.example', context)).toBe(true);
    expect(isTrustedHost('evil.example', context)).toBe(false);
  });

  it('prepares each tenant once, keyed by content rather than array identity', () => {
    const a = createBrandContext(['demobank.com'], { allow: ['x.example'], block: [] });
    const b = createBrandContext(['demobank.com'], { allow: ['x.example'], block: [] });
    const c = createBrandContext(['demobank.com'], { allow: [], block: ['x.example'] });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(hostTrust('x.example', c)).toBe('blocked');
  });
});
