import { describe, expect, it } from 'vitest';
import { normalizeMessage } from '../text/text-normalizer.ts';
import { extractUrls, parseUrl } from './url-extractor.ts';

/** Extraction as the scanner runs it: on normalised (NFKC, refanged) text. */
function links(text: string, maxUrls = 5): string[] {
  return extractUrls(normalizeMessage(text).text, maxUrls).urls.map((u) => u.url);
}

describe('extractUrls', () => {
  it('finds http and https links', () => {
    expect(links('go to https://example.com/a?b=1 or http://foo.org')).toEqual([
      'https://example.com/a?b=1',
      'http://foo.org/',
    ]);
  });

  it('finds scheme-less www. and bare domain links', () => {
    expect(links('visit www.example.com or demobank-login.com/verify, also example.org')).toEqual([
      'http://www.example.com/',
      'http://demobank-login.com/verify',
      'http://example.org/',
    ]);
  });

  it('does not mistake abbreviations, file names or e-mail addresses for links', () => {
    expect(
      links('e.g. see file.txt and notes.docx, i.e. mail john@example.com, ok.so I am home.it is late'),
    ).toEqual([]);
  });

  it('accepts word-like country TLDs only with a path or www.', () => {
    expect(links('going.to the shop')).toEqual([]);
    expect(links('shorturl.at/abc12')).toEqual(['http://shorturl.at/abc12']);
  });

  it('refangs hxxp and [.] notations', () => {
    expect(links('hxxps://evil[.]com/login and hxxp://bad(.)example[.]org')).toEqual([
      'https://evil.com/login',
      'http://bad.example.org/',
    ]);
  });

  it('strips trailing punctuation but keeps balanced parentheses', () => {
    expect(
      links('Click https://example.com/path. Or (www.example.org), or https://en.wiki.org/A_(b)!'),
    ).toEqual(['https://example.com/path', 'http://www.example.org/', 'https://en.wiki.org/A_(b)']);
  });

  it('dedupes and keeps message order', () => {
    expect(links('b.com/x a.com/y https://b.com/x B.COM/x')).toEqual([
      'http://b.com/x',
      'http://a.com/y',
      'https://b.com/x',
    ]);
  });

  it('caps at maxUrls and counts the rest', () => {
    const text = Array.from({ length: 8 }, (_, i) => `https://site${i}.com`).join(' ');
    const result = extractUrls(text, 5);
    expect(result.urls).toHaveLength(5);
    expect(result.total - result.urls.length).toBe(3);
    expect(result.spans).toHaveLength(8);
  });

  it('keeps Unicode hosts lowercased and punycode hosts as written', () => {
    expect(links('https://DÉMOBANK.com/x and https://xn--dmobank-bya.com')).toEqual([
      'https://démobank.com/x',
      'https://xn--dmobank-bya.com/',
    ]);
  });

  it('reads fullwidth and ideographic-dot links after normalisation', () => {
    expect(links('ｈｔｔｐｓ：／／example。com/login')).toEqual(['https://example.com/login']);
  });

  it('finds IP links, with scheme or with a path', () => {
    expect(links('http://192.168.0.1/a and 10.0.0.1/login but not version 1.2.3.4')).toEqual([
      'http://192.168.0.1/a',
      'http://10.0.0.1/login',
    ]);
  });
});

describe('parseUrl', () => {
  it('splits user-info, host, port and path', () => {
    expect(parseUrl('https://demobank.com@evil.example:8443/login')).toEqual({
      url: 'https://demobank.com@evil.example:8443/login',
      scheme: 'https',
      userinfo: 'demobank.com',
      host: 'evil.example',
      port: 8443,
      path: '/login',
    });
  });

  it('parses bracketed IPv6 hosts', () => {
    expect(parseUrl('http://[2001:db8::1]:8080/x')?.host).toBe('[2001:db8::1]');
  });

  it('rejects impossible ports and empty hosts', () => {
    expect(parseUrl('http://example.com:99999/')).toBeNull();
    expect(parseUrl('https://')).toBeNull();
  });
});
