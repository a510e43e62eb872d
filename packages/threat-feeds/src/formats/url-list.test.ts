import { describe, expect, it } from 'vitest';
import { parseUrlList } from './url-list.ts';

describe('parseUrlList', () => {
  it('reads one URL per line, skipping comments and blank lines, with BOM and CRLF', () => {
    const doc =
      '\uFEFF# OpenPhish community feed\r\nhttps://evil.example.com/login.php\r\n\r\n  http://other.example/x#frag  \r\nhxxp://defanged[.]example/y\r\n';
    expect(parseUrlList(doc)).toEqual({
      entries: [
        { kind: 'url', value: 'evil.example.com/login.php' },
        { kind: 'url', value: 'other.example/x' },
        { kind: 'url', value: 'defanged.example/y' },
      ],
      rejected: { count: 0, byReason: {}, examples: [] },
      duplicates: 0,
    });
  });

  it('rejects garbage, other schemes, spaces and oversized lines; counts duplicates', () => {
    const doc = [
      'https://evil.example.com/a',
      'http://EVIL.example.com/a/', // duplicate after normalisation
      'not a url',
      'mailto:x@evil.example.com',
      'http://localhost/admin',
      `https://evil.example.com/${'x'.repeat(10_000)}`,
      'garbage',
    ].join('\n');
    const result = parseUrlList(doc);
    expect(result.entries).toEqual([{ kind: 'url', value: 'evil.example.com/a' }]);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.byReason).toEqual({
      malformed: 1,
      'unsupported-scheme': 1,
      'local-name': 1,
      'too-long': 1,
      'invalid-host': 1,
    });
    expect(result.rejected.examples.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
  });
});
