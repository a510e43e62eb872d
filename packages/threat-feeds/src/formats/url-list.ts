import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector } from './entry-collector.ts';
import { forEachDataLine } from './feed-lines.ts';

/**
 * A plain list of URLs, one per line (OpenPhish's feeds and most "URL blocklist" text files).
 * Lines starting with `#` are comments; a `#` later in a line is part of the URL (its fragment,
 * which normalisation drops). Each URL becomes a `url` entry.
 */
export function parseUrlList(text: string): ParseResult {
  const collector = createEntryCollector();
  forEachDataLine(text, collector.reject, (line, lineNumber) => {
    if (/\s/.test(line)) return collector.reject(lineNumber, 'malformed');
    collector.addUrl(lineNumber, line);
  });
  return collector.result();
}
