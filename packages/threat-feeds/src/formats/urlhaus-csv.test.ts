import { describe, expect, it } from 'vitest';
import { parseUrlhausCsv } from './urlhaus-csv.ts';

const HEADER = [
  '################################################################',
  '# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #',
  '################################################################',
  '#',
  '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter',
].join('\r\n');

function row(id: string, url: string, status = 'online'): string {
  return `"${id}","2025-01-02 03:04:05","${url}","${status}","2025-01-02 03:04:05","malware_download","elf,Mozi","https://urlhaus.abuse.ch/url/${id}/","reporter"`;
}

describe('parseUrlhausCsv', () => {
  it('reads the URL column of every row, online or not, into url entries', () => {
    const doc = `\uFEFF${HEADER}\r\n${row('1', 'http://1.2.3.4:4567/Mozi.m')}\r\n${row('2', 'https://legit.example.com/wp-content/x.exe', 'offline')}\r\n`;
    const result = parseUrlhausCsv(doc);
    expect(result.entries).toEqual([
      { kind: 'url', value: '1.2.3.4:4567/Mozi.m' },
      { kind: 'url', value: 'legit.example.com/wp-content/x.exe' },
    ]);
    expect(result.rejected.count).toBe(0);
    expect(result.duplicates).toBe(0);
  });

  it('rejects malformed, oversized and bad-URL lines by reason, and counts duplicates', () => {
    const doc = [
      HEADER,
      '',
      row('1', 'http://evil.example/a'),
      '"2","2025-01-02","http://evil.example/b', // unclosed quote
      'not,a,row',
      row('3', `http://evil.example/${'a'.repeat(9_000)}`),
      row('4', 'ftp://evil.example/c'),
      row('5', 'http://evil.example/a/'), // same URL as row 1
      row('6', 'http://evil.example/d'),
      '"7","2025-01-02"',
    ].join('\n');
    const result = parseUrlhausCsv(doc);
    expect(result.entries.map((e) => e.value)).toEqual(['evil.example/a', 'evil.example/d']);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.count).toBe(5);
    expect(result.rejected.byReason).toEqual({ malformed: 3, 'too-long': 1, 'unsupported-scheme': 1 });
    expect(result.rejected.examples[0]).toEqual({ line: 8, reason: 'malformed' });
  });

  it('skips an uncommented header line and an empty document', () => {
    expect(parseUrlhausCsv('id,dateadded,url\n').rejected.count).toBe(0);
    expect(parseUrlhausCsv('')).toMatchObject({ entries: [], rejected: { count: 0 } });
  });
});
