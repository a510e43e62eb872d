import { describe, expect, it } from 'vitest';
import { forEachDataLine, MAX_LINE_LENGTH, splitCsvLine, splitLines } from './feed-lines.ts';

describe('splitLines', () => {
  it('drops a BOM and ends lines at LF, CRLF and CR', () => {
    expect(splitLines('\uFEFFa\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('splitCsvLine', () => {
  it('splits quoted and bare fields, with "" inside quotes and commas in quotes', () => {
    expect(splitCsvLine('"1","a,b","say ""hi""",bare,')).toEqual(['1', 'a,b', 'say "hi"', 'bare', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });

  it('is null for broken quoting', () => {
    expect(splitCsvLine('"1","unclosed')).toBeNull();
    expect(splitCsvLine('"1"x,"2"')).toBeNull();
  });
});

describe('forEachDataLine', () => {
  it('skips blanks and # comments, numbers lines from 1 and rejects over-long lines unread', () => {
    const seen: [string, number][] = [];
    const rejected: number[] = [];
    const long = 'x'.repeat(MAX_LINE_LENGTH + 1);
    forEachDataLine(
      `# header\r\n\r\n  a  \r\n${long}\r\n   # indented comment\r\nb`,
      (line) => rejected.push(line),
      (line, n) => seen.push([line, n]),
    );
    expect(seen).toEqual([
      ['a', 3],
      ['b', 6],
    ]);
    expect(rejected).toEqual([4]);
  });

  it('throws for an HTML page', () => {
    expect(() =>
      forEachDataLine(
        '<!DOCTYPE html><html>',
        () => {},
        () => {},
      ),
    ).toThrow(/HTML page/);
  });
});
