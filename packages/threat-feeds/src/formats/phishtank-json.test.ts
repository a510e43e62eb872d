import { describe, expect, it } from 'vitest';
import { parsePhishtankJson } from './phishtank-json.ts';

function phish(id: number, url: unknown, verified: unknown = 'yes', online: unknown = 'yes') {
  return {
    phish_id: id,
    url,
    phish_detail_url: `http://www.phishtank.com/phish_detail.php?phish_id=${id}`,
    verified,
    online,
    target: 'Other',
  };
}

describe('parsePhishtankJson', () => {
  it('keeps verified, online phishes ("yes" or true), with a BOM and CRLF whitespace', () => {
    const doc = `\uFEFF${JSON.stringify(
      [
        phish(1, 'https://evil.example.com/a'),
        phish(2, 'http://second.example/b', true, true),
        phish(3, 'http://unverified.example/', 'no'),
        phish(4, 'http://offline.example/', 'yes', 'no'),
      ],
      null,
      1,
    ).replace(/\n/g, '\r\n')}`;
    const result = parsePhishtankJson(doc);
    expect(result.entries).toEqual([
      { kind: 'url', value: 'evil.example.com/a' },
      { kind: 'url', value: 'second.example/b' },
    ]);
    expect(result.rejected.byReason).toEqual({ 'not-verified': 1, 'not-online': 1 });
  });

  it('rejects malformed items by position and counts duplicates', () => {
    const doc = JSON.stringify([
      phish(1, 'https://evil.example.com/a'),
      'a string',
      null,
      phish(4, 42),
      phish(5, 'https://evil.example.com/a/'),
      phish(6, `https://evil.example.com/${'a'.repeat(3_000)}`),
      phish(7, 'file:///etc/passwd'),
    ]);
    const result = parsePhishtankJson(doc);
    expect(result.entries).toHaveLength(1);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.byReason).toEqual({
      malformed: 2,
      'missing-url': 1,
      'too-long': 1,
      'unsupported-scheme': 1,
    });
    expect(result.rejected.examples.map((e) => e.line)).toEqual([2, 3, 4, 6, 7]);
  });

  it('throws when the document is not JSON or not an array', () => {
    expect(() => parsePhishtankJson('<html>')).toThrow(/PhishTank JSON is not valid JSON/);
    expect(() => parsePhishtankJson('{"url":"x"}')).toThrow(/must be an array/);
  });
});
