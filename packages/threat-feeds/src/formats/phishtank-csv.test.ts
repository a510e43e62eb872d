import { describe, expect, it } from 'vitest';
import { parsePhishtankCsv } from './phishtank-csv.ts';

const HEADER = 'phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target';

function row(id: number, url: string, verified = 'yes', online = 'yes', target = 'Other'): string {
  return `${id},${url},http://www.phishtank.com/phish_detail.php?phish_id=${id},2025-01-01T00:00:00+00:00,${verified},2025-01-01T01:00:00+00:00,${online},${target}`;
}

describe('parsePhishtankCsv', () => {
  it('keeps only verified, online phishes, finding columns by header name', () => {
    const doc = [
      `\uFEFF${HEADER}`,
      row(1, 'https://evil.example.com/signin'),
      row(2, '"http://quoted.example/a,b"', 'yes', 'yes', '"Bank, Inc."'),
      row(3, 'http://unverified.example/', 'no'),
      row(4, 'http://offline.example/', 'yes', 'no'),
      '',
      '# a comment',
    ].join('\r\n');
    const result = parsePhishtankCsv(doc);
    expect(result.entries).toEqual([
      { kind: 'url', value: 'evil.example.com/signin' },
      { kind: 'url', value: 'quoted.example/a,b' },
    ]);
    expect(result.rejected.byReason).toEqual({ 'not-verified': 1, 'not-online': 1 });
  });

  it('reads columns in another order', () => {
    const doc = 'url,online,verified\nhttp://evil.example/x,yes,yes\nhttp://evil.example/y,yes,no\n';
    const result = parsePhishtankCsv(doc);
    expect(result.entries).toEqual([{ kind: 'url', value: 'evil.example/x' }]);
    expect(result.rejected.byReason).toEqual({ 'not-verified': 1 });
  });

  it('rejects short, broken and oversized lines and counts duplicates', () => {
    const doc = [
      HEADER,
      row(1, 'https://evil.example.com/a'),
      row(2, 'https://evil.example.com/a'),
      '5,http://short.example/',
      '6,"http://broken.example/,x,y,z,yes,t,yes,Other',
      row(7, `https://evil.example.com/${'a'.repeat(9_000)}`),
    ].join('\n');
    const result = parsePhishtankCsv(doc);
    expect(result.entries).toHaveLength(1);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.byReason).toEqual({ malformed: 2, 'too-long': 1 });
  });

  it('throws when there is no header naming the needed columns', () => {
    expect(() => parsePhishtankCsv('1,http://evil.example/,x,y,yes,z,yes,Other\n')).toThrow(/header/);
  });
});
