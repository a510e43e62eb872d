import { describe, expect, it } from 'vitest';
import { normalizeMessage } from '../text/text-normalizer.ts';
import { extractUrls, parseUrl, refangLink } from './url-extractor.ts';

/** Extraction as the scanner runs it: on normalised (NFKC, refanged) text. */
function links(text: string, maxUrls = 10): string[] {
  return extractUrls(normalizeMessage(text).text, maxUrls).urls.map((u) => u.url);
}

function hostOf(text: string): string | undefined {
  return extractUrls(normalizeMessage(text).text, 1).urls[0]?.host;
}

describe('extractUrls: finding links', () => {
  it('finds http and https links', () => {
    expect(links('go to https://example.com/a?b=1 or http://foo.org')).toEqual([
      'https://example.com/a?b=1',
      'http://foo.org/',
    ]);
  });

  it('finds scheme-less www. and bare domain links, with or without a path', () => {
    expect(links('visit www.example.com or paypal-login.com/verify, also example.org and www.x.com')).toEqual(
      [
        'http://www.example.com/',
        'http://paypal-login.com/verify',
        'http://example.org/',
        'http://www.x.com/',
      ],
    );
  });

  it('does not mistake abbreviations, file names or e-mail addresses for links', () => {
    expect(
      links(
        'e.g. see file.txt and notes.docx, i.e. mail john@example.com or anna.co@mail.com, ok.so I am ' +
          'home.it is late; open report.zip and clip.mov, run main.py',
      ),
    ).toEqual([]);
  });

  it('accepts word-like or file-like TLDs only with a path or www.', () => {
    expect(links('going.to the shop')).toEqual([]);
    expect(links('shorturl.at/abc12 and www.going.to')).toEqual([
      'http://shorturl.at/abc12',
      'http://www.going.to/',
    ]);
    expect(links('photos.zip/download')).toEqual(['http://photos.zip/download']);
  });

  it('needs a real TLD for a scheme-less link with a path, but not with a scheme', () => {
    expect(links('see notes.draft/v2')).toEqual([]);
    expect(links('https://intranet.corp/login')).toEqual(['https://intranet.corp/login']);
  });

  it('ignores other schemes and single-label hosts', () => {
    expect(links('ftp://files.example.com/a mailto:x@example.com http://localhost/ https://')).toEqual([]);
  });

  it('dedupes on the normalised form and keeps message order', () => {
    expect(links('b.com/x a.com/y https://b.com/x B.COM/x HTTP://B.COM:80/x')).toEqual([
      'http://b.com/x',
      'http://a.com/y',
      'https://b.com/x',
    ]);
  });

  it('caps at maxUrls, counts the rest and reports every span', () => {
    const text = Array.from({ length: 8 }, (_, i) => `https://site${i}.com`).join(' ');
    const result = extractUrls(text, 5);
    expect(result.urls).toHaveLength(5);
    expect(result.total - result.urls.length).toBe(3);
    expect(result.spans).toHaveLength(8);
    expect(text.slice(...result.spans[0]!)).toBe('https://site0.com');
  });
});

describe('extractUrls: defanged and disguised links', () => {
  it('refangs hxxp(s), [.], (.), {.} and [dot]', () => {
    expect(
      links('hxxps://evil[.]com/login and hxxp://bad(.)example[.]org plus x{.}example[dot]com/a'),
    ).toEqual(['https://evil.com/login', 'http://bad.example.org/', 'http://x.example.com/a']);
  });

  it('reads fullwidth letters and fullwidth, ideographic and halfwidth dots', () => {
    expect(links('ｈｔｔｐｓ：／／example。com/login')).toEqual(['https://example.com/login']);
    expect(links('visit paypal．com/x or amazon｡de/y')).toEqual([
      'http://paypal.com/x',
      'http://amazon.de/y',
    ]);
  });

  it('lowercases scheme and host but keeps the path as written', () => {
    expect(links('HTTPS://PayPal-Login.COM/Verify?Id=AbC')).toEqual([
      'https://paypal-login.com/Verify?Id=AbC',
    ]);
  });

  it('drops default ports and keeps others', () => {
    expect(links('https://example.com:443/a http://example.org:80/ https://example.net:8443/')).toEqual([
      'https://example.com/a',
      'http://example.org/',
      'https://example.net:8443/',
    ]);
  });

  it('converts Unicode hosts to punycode and keeps punycode hosts', () => {
    expect(links('https://DÉMOBANK.com/x and https://xn--dmobank-bya.com')).toEqual([
      'https://xn--dmobank-bya.com/x',
      'https://xn--dmobank-bya.com/',
    ]);
  });

  it('decodes percent-encoded hosts as a browser would', () => {
    expect(links('https://%70aypal-login.com/x')).toEqual(['https://paypal-login.com/x']);
  });

  it('turns decimal, hex, octal and short IPv4 forms into dotted decimal', () => {
    expect(
      links(
        'http://3232235777/ http://0xc0.0xa8.0x01.0x02/ http://0300.0250.01.03/ http://192.168.4/ http://0x7f000001/',
      ),
    ).toEqual([
      'http://192.168.1.1/',
      'http://192.168.1.2/',
      'http://192.168.1.3/',
      'http://192.168.0.4/',
      'http://127.0.0.1/',
    ]);
  });

  it('finds IP links, with a scheme or with a path, and IPv6 literals', () => {
    expect(
      links(
        'http://192.168.0.1/a and 10.0.0.1/login but not version 1.2.3.4; http://[2001:DB8:0:0::1]:8080/x',
      ),
    ).toEqual(['http://192.168.0.1/a', 'http://10.0.0.1/login', 'http://[2001:db8::1]:8080/x']);
  });

  it('keeps user-info, the part a reader mistakes for the host', () => {
    expect(links('https://bank.com@evil.tld/login')).toEqual(['https://bank.com@evil.tld/login']);
    expect(hostOf('https://bank.com@evil.tld/login')).toBe('evil.tld');
  });

  it('treats a backslash like a browser does: the host ends there', () => {
    expect(hostOf('https://evil.example\\@paypal.com/')).toBe('evil.example');
  });

  it('drops a trailing dot from the host', () => {
    expect(links('https://example.com./a')).toEqual(['https://example.com/a']);
  });
});

describe('extractUrls: where a link ends', () => {
  it('strips trailing punctuation', () => {
    expect(links('Click https://example.com/path. Or www.example.org, now! https://x.com/a?… ok')).toEqual([
      'https://example.com/path',
      'http://www.example.org/',
      'https://x.com/a',
    ]);
  });

  it('strips unbalanced closing brackets but keeps balanced ones', () => {
    expect(
      links(
        '(www.example.org), https://en.wiki.org/A_(b)! [x](https://md.com/a) {https://c.com/x} [https://d.com/[1]]',
      ),
    ).toEqual([
      'http://www.example.org/',
      'https://en.wiki.org/A_(b)',
      'https://md.com/a',
      'https://c.com/x',
      'https://d.com/[1]',
    ]);
  });

  it('keeps the brackets of an IPv6 host', () => {
    expect(links('see http://[::1]')).toEqual(['http://[::1]/']);
  });

  it('stops at quotes of every kind and at WhatsApp formatting marks', () => {
    expect(
      links(
        '"https://a.com/x" “https://b.com/y” «https://c.com» ‘https://d.com’ *https://e.com/b* _https://f.com_ ~https://g.com~',
      ),
    ).toEqual([
      'https://a.com/x',
      'https://b.com/y',
      'https://c.com/',
      'https://d.com/',
      'https://e.com/b',
      'https://f.com/',
      'https://g.com/',
    ]);
  });

  it('stops at CJK brackets and full stops', () => {
    expect(links('请访问「https://example.com/a」。')).toEqual(['https://example.com/a']);
  });
});

describe('parseUrl', () => {
  it('splits user-info, host, port and path', () => {
    expect(parseUrl('https://demobank.com@evil.example:8443/login')).toEqual({
      url: 'https://demobank.com@evil.example:8443/login',
      scheme: 'https',
      userinfo: 'demobank.com',
      host: 'evil.example',
      unicodeHost: 'evil.example',
      writtenHost: 'evil.example',
      port: 8443,
      path: '/login',
    });
  });

  it('gives the ASCII host for lookups and the Unicode host for look-alike analysis', () => {
    expect(parseUrl('https://demob\u0430nk.com/')).toMatchObject({
      host: 'xn--demobnk-6fg.com',
      unicodeHost: 'demob\u0430nk.com',
      writtenHost: 'demob\u0430nk.com',
    });
    expect(parseUrl('https://xn--demobnk-6fg.com/')).toMatchObject({
      unicodeHost: 'demob\u0430nk.com',
      writtenHost: 'xn--demobnk-6fg.com',
    });
  });

  it('records the scheme as written, null when the link had none', () => {
    expect(parseUrl('www.example.com')?.scheme).toBeNull();
    expect(parseUrl('HTTP://example.com')?.scheme).toBe('http');
  });

  it('keeps the written form of an encoded IPv4 host', () => {
    expect(parseUrl('http://0xc0a80001/')).toMatchObject({ host: '192.168.0.1', writtenHost: '0xc0a80001' });
  });

  it('parses bracketed IPv6 hosts, including IPv4-mapped ones', () => {
    expect(parseUrl('http://[2001:db8::1]:8080/x')?.host).toBe('[2001:db8::1]');
    expect(parseUrl('http://[::ffff:127.0.0.1]/')?.host).toBe('[::ffff:7f00:1]');
  });

  it('accepts a single defanged link', () => {
    expect(parseUrl('hxxps[:]//evil[.]example/login')?.url).toBe('https://evil.example/login');
    expect(refangLink('evil(dot)example')).toBe('evil.example');
  });

  it('rejects impossible ports, empty hosts, invalid IPs and scheme-less e-mail addresses', () => {
    expect(parseUrl('http://example.com:99999/')).toBeNull();
    expect(parseUrl('https://')).toBeNull();
    expect(parseUrl('http://1.2.3.999/')).toBeNull();
    expect(parseUrl('john@example.com')).toBeNull();
    expect(parseUrl('javascript://example.com/%0aalert(1)')).toBeNull();
  });
});
