/** Longest line read from a text feed; a longer one is rejected as `too-long` without parsing it. */
export const MAX_LINE_LENGTH = 8_192;

/** The document's lines: a leading BOM dropped, LF, CRLF and lone CR all ending a line. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/);
}

const QUOTE = 34;
const COMMA = 44;

/**
 * Splits one CSV line (RFC 4180 quoting, `""` inside quotes) into fields; null when the quoting
 * is broken. The feeds read here put one record per line, so each line is parsed on its own: a
 * stray quote costs that line, never the lines after it (csv-parse would read on across line
 * ends looking for the closing quote, and took about 8 µs a line against well under 1 µs here).
 */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return null;
        if (line.charCodeAt(quote + 1) === QUOTE) {
          value += line.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += line.slice(from, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== COMMA) return null;
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/**
 * Calls `visit` for each data line of a line-oriented feed, trimmed, with its 1-based number.
 * Blank lines and lines starting with `#` are skipped; over-long ones are rejected unread. Throws
 * only when the whole document is an HTML page (a login wall or an error page), not a feed.
 */
export function forEachDataLine(
  text: string,
  reject: (line: number, reason: 'too-long') => void,
  visit: (line: string, lineNumber: number) => void,
): void {
  if (/^\uFEFF?\s*<(?:!doctype|html|head|body)\b/i.test(text.slice(0, 512)))
    throw new Error('the document is an HTML page, not a feed');
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.length > MAX_LINE_LENGTH) reject(index + 1, 'too-long');
    else visit(line, index + 1);
  }
}
