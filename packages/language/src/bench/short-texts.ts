import { readFileSync } from 'node:fs';

/** One hand-written message of `data/short-texts.jsonl` and the language it is written in. */
export interface ShortText {
  text: string;
  lang: string;
}

const DATA_FILE = new URL('../../data/short-texts.jsonl', import.meta.url);

/** Reads the measurement set; throws on a malformed line rather than measuring less. */
export function loadShortTexts(): ShortText[] {
  const lines = readFileSync(DATA_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    const row: unknown = JSON.parse(line);
    if (
      typeof row !== 'object' ||
      row === null ||
      !('text' in row) ||
      !('lang' in row) ||
      typeof row.text !== 'string' ||
      typeof row.lang !== 'string'
    ) {
      throw new Error(`short-texts.jsonl line ${index + 1}: expected {"text","lang"}`);
    }
    return { text: row.text, lang: row.lang };
  });
}
