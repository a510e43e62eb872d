import { describe, expect, it } from 'vitest';
import { lookupUrlKey, MAX_URL_LENGTH, normalizeFeedUrl } from './url-key.ts';

describe('normalizeFeedUrl', () => {
  it('drops the scheme, default ports, trailing slashes, fragment and user info, keeps the query', () => {
    expect(normalizeFeedUrl('HTTPS://User:pw@Evil.EXAMPLE.com:443/Login/?a=1&B=2#top')).toEqual({
      key: 'evil.example.com/Login?a=1&B=2',
      host: 'evil.example.com',
    });
    expect(normalizeFeedUrl('http://evil.example.com:80/')).toEqual({
      key: 'evil.example.com',
      host: 'evil.example.com',
    });
    expect(normalizeFeedUrl('http://evil.example.com:8080/x')).toMatchObject({
      key: 'evil.example.com:8080/x',
    });
  });

  it('drops a www. subdomain but not a registrable www name', () => {
    expect(normalizeFeedUrl('http://www.evil.com/a')).toMatchObject({ key: 'evil.com/a' });
    expect(normalizeFeedUrl('http://www.github.io/a')).toMatchObject({ key: 'www.github.io/a' });
  });

  it('refangs hxxp and bracketed dots', () => {
    expect(normalizeFeedUrl('hxxps://evil[.]example(.)com[:]8443/p')).toMatchObject({
      key: 'evil.example.com:8443/p',
    });
    expect(normalizeFeedUrl('hXXp://bad[dot]example/x')).toMatchObject({ key: 'bad.example/x' });
  });

  it('converts IDN hosts to punycode and resolves dot segments', () => {
    expect(normalizeFeedUrl('http://bücher.example/a/../b')).toEqual({
      key: 'xn--bcher-kva.example/b',
      host: 'xn--bcher-kva.example',
    });
  });

  it('reads a scheme-less URL as http, host:port included', () => {
    expect(normalizeFeedUrl('evil.example.com/login')).toMatchObject({ key: 'evil.example.com/login' });
    expect(normalizeFeedUrl('evil.example.com:8080/x')).toMatchObject({ key: 'evil.example.com:8080/x' });
  });

  it('keeps IP hosts, in canonical form', () => {
    expect(normalizeFeedUrl('http://1.2.3.4:4567/Mozi.m')).toEqual({
      key: '1.2.3.4:4567/Mozi.m',
      host: '1.2.3.4',
    });
    expect(normalizeFeedUrl('http://0x7f.1/x')).toMatchObject({ key: '127.0.0.1/x' });
    expect(normalizeFeedUrl('http://[2001:db8::1]/x')).toMatchObject({ key: '[2001:db8::1]/x' });
  });

  it('rejects other schemes, garbage hosts, public suffixes and oversized URLs', () => {
    expect(normalizeFeedUrl('ftp://evil.example.com/x')).toEqual({ reason: 'unsupported-scheme' });
    expect(normalizeFeedUrl('javascript:alert(1)')).toEqual({ reason: 'unsupported-scheme' });
    expect(normalizeFeedUrl('mailto:a@evil.example')).toEqual({ reason: 'unsupported-scheme' });
    expect(normalizeFeedUrl('http://localhost/x')).toEqual({ reason: 'local-name' });
    expect(normalizeFeedUrl('http://intranet/x')).toEqual({ reason: 'invalid-host' });
    expect(normalizeFeedUrl('http://evil.123/x')).toEqual({ reason: 'invalid-url' });
    expect(normalizeFeedUrl('http://github.io/x')).toEqual({ reason: 'public-suffix' });
    expect(normalizeFeedUrl('http://exa mple.com/')).toEqual({ reason: 'invalid-url' });
    expect(normalizeFeedUrl('   ')).toEqual({ reason: 'missing-url' });
    expect(normalizeFeedUrl(`http://evil.example/${'a'.repeat(MAX_URL_LENGTH)}`)).toEqual({
      reason: 'too-long',
    });
  });
});

describe('lookupUrlKey', () => {
  it('gives a link the same key as the feed entry for the same resource', () => {
    const entry = normalizeFeedUrl('https://www.evil.example.com/login/?id=7#x');
    expect(entry).toMatchObject({ key: 'evil.example.com/login?id=7' });
    for (const link of [
      'http://evil.example.com/login?id=7',
      'https://WWW.evil.example.com:443/login/?id=7',
      'http://user@evil.example.com/login?id=7#frag',
    ])
      expect(lookupUrlKey(link), link).toBe('evil.example.com/login?id=7');
    expect(lookupUrlKey('http://evil.example.com/login?id=8')).not.toBe('evil.example.com/login?id=7');
    expect(lookupUrlKey('http://evil.example.com/Login?id=7')).not.toBe('evil.example.com/login?id=7');
  });

  it('is null for a link that is not http(s)', () => {
    expect(lookupUrlKey('ftp://evil.example.com/')).toBeNull();
    expect(lookupUrlKey('http://exa mple.com/')).toBeNull();
  });
});
