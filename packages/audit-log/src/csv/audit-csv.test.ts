import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './audit-csv.ts';

describe('CSV cells', () => {
  it('quotes every value and doubles inner quotes; NULL is empty', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('""');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+cmd|calc', `"'+1+cmd|calc"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['  =1', `"'  =1"`],
  ])('defuses a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves values that merely contain those characters alone', () => {
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('user@example.com')).toBe('"user@example.com"');
    expect(csvCell('::1')).toBe('"::1"');
  });

  it('ends a line with CRLF', () => {
    expect(csvLine(['a', null, 1])).toBe('"a",,"1"\r\n');
  });
});
