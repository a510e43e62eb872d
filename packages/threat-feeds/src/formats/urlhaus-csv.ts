import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector } from './entry-collector.ts';
import { forEachDataLine, splitCsvLine } from './feed-lines.ts';

const URL_COLUMN = 2;

/**
 * URLhaus `csv_recent` / `csv_online`: `#` comment lines (the column header among them), then
 * quoted `id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter`. Every URL
 * becomes a `url` entry whatever its `url_status`: an offline malware URL is often back online
 * soon, and a URL entry matches only that URL. A line whose first field is not a numeric id is
 * malformed (an uncommented header line is skipped).
 */
export function parseUrlhausCsv(text: string): ParseResult {
  const collector = createEntryCollector();
  forEachDataLine(text, collector.reject, (line, lineNumber) => {
    const fields = splitCsvLine(line);
    if (fields?.[0] === 'id') return;
    if (!fields || fields.length <= URL_COLUMN || !/^\d+$/.test(fields[0]!.trim()))
      return collector.reject(lineNumber, 'malformed');
    collector.addUrl(lineNumber, fields[URL_COLUMN]!);
  });
  return collector.result();
}
