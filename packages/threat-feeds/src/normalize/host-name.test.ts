import { describe, expect, it } from 'vitest';
import { hostProblem, normalizeFeedDomain, toAsciiHost, withoutWww } from './host-name.ts';

describe('normalizeFeedDomain', () => {
  it('lowercases, converts IDN to punycode and drops a trailing dot', () => {
    expect(normalizeFeedDomain(' Bücher.Example. ')).toEqual({ domain: 'xn--bcher-kva.example' });
    expect(normalizeFeedDomain('xn--bcher-kva.example')).toEqual({ domain: 'xn--bcher-kva.example' });
  });

  it('drops a www. subdomain, a leading *. or ., and refangs', () => {
    expect(normalizeFeedDomain('www.evil.com')).toEqual({ domain: 'evil.com' });
    expect(normalizeFeedDomain('*.evil.com')).toEqual({ domain: 'evil.com' });
    expect(normalizeFeedDomain('.evil.com')).toEqual({ domain: 'evil.com' });
    expect(normalizeFeedDomain('evil[.]com')).toEqual({ domain: 'evil.com' });
    expect(normalizeFeedDomain('www.github.io')).toEqual({ domain: 'www.github.io' });
  });

  it('keeps IPv4 addresses and underscores', () => {
    expect(normalizeFeedDomain('46.226.108.171')).toEqual({ domain: '46.226.108.171' });
    expect(normalizeFeedDomain('ether_promo.kissr.com')).toEqual({ domain: 'ether_promo.kissr.com' });
  });

  it('rejects single labels, numeric TLDs, bad characters, public suffixes and local names', () => {
    expect(normalizeFeedDomain('iclexofmarket')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain('com12786312634')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain('evil.123')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain('evil!.com')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain('bad.example/path')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain('co.uk')).toEqual({ reason: 'public-suffix' });
    expect(normalizeFeedDomain('blogspot.com')).toEqual({ reason: 'public-suffix' });
    expect(normalizeFeedDomain('localhost')).toEqual({ reason: 'local-name' });
    expect(normalizeFeedDomain('')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedDomain(`${'a'.repeat(60)}.`.repeat(20) + 'com')).toEqual({ reason: 'too-long' });
    expect(normalizeFeedDomain(`${'a'.repeat(60)}.`.repeat(5) + 'com')).toEqual({ reason: 'invalid-host' });
  });
});

describe('host helpers', () => {
  it('toAsciiHost gives "" for a name that cannot be converted', () => {
    expect(toAsciiHost('a b.com')).toBe('');
  });

  it('hostProblem accepts plausible domains and IPv4', () => {
    expect(hostProblem('bad.example')).toBeNull();
    expect(hostProblem('x.github.io')).toBeNull();
    expect(hostProblem('1.2.3.4')).toBeNull();
    expect(hostProblem('1.2.3.256')).toBe('invalid-host');
  });

  it('withoutWww strips only a www subdomain label', () => {
    expect(withoutWww('www.a.example')).toBe('a.example');
    expect(withoutWww('www2.a.example')).toBe('www2.a.example');
    expect(withoutWww('www.com')).toBe('www.com');
  });
});
