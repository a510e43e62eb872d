import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector } from './entry-collector.ts';
import { forEachDataLine, splitCsvLine } from './feed-lines.ts';

/**
 * PhishTank's `online-valid.csv`: a header line
 * (`phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target`),
 * then one phish per line. Columns are found by name. Only phishes with `verified` and `online`
 * both `yes` become `url` entries; the others are counted as `not-verified` / `not-online`.
 * Throws when the first data line is not a header naming `url`, `verified` and `online`.
 */
export function parsePhishtankCsv(text: string): ParseResult {
  const collector = createEntryCollector();
  let columns: { url: number; verified: number; online: number; width: number } | null = null;
  forEachDataLine(text, collector.reject, (line, lineNumber) => {
    const fields = splitCsvLine(line);
    if (!columns) {
      const names = (fields ?? []).map((f) => f.trim().toLowerCase());
      const [url, verified, online] = [
        names.indexOf('url'),
        names.indexOf('verified'),
        names.indexOf('online'),
      ];
      if (Math.min(url, verified, online) < 0)
        throw new Error('PhishTank CSV must start with a header naming url, verified and online');
      columns = { url, verified, online, width: Math.max(url, verified, online) + 1 };
      return;
    }
    if (!fields || fields.length < columns.width) return collector.reject(lineNumber, 'malformed');
    if (fields[columns.verified]!.trim().toLowerCase() !== 'yes')
      return collector.reject(lineNumber, 'not-verified');
    if (fields[columns.online]!.trim().toLowerCase() !== 'yes')
      return collector.reject(lineNumber, 'not-online');
    collector.addUrl(lineNumber, fields[columns.url]!);
  });
  return collector.result();
}
