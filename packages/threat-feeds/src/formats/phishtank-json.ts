import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector } from './entry-collector.ts';
import { parseJsonDocument } from './json-document.ts';

const YES = (value: unknown) =>
  value === true || (typeof value === 'string' && value.toLowerCase() === 'yes');

/**
 * PhishTank's `online-valid.json`: an array of `{ phish_id, url, verified, online, ... }`. Items
 * with `verified` and `online` both `"yes"` (or `true`) become `url` entries; rejections are
 * numbered by 1-based item. Throws when the document is not JSON or not an array.
 */
export function parsePhishtankJson(text: string): ParseResult {
  const items = parseJsonDocument(text, 'PhishTank JSON');
  if (!Array.isArray(items)) throw new Error('PhishTank JSON must be an array of phishes');
  const collector = createEntryCollector();
  items.forEach((item: unknown, index) => {
    const itemNumber = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return collector.reject(itemNumber, 'malformed');
    const phish = item as Record<string, unknown>;
    if (typeof phish.url !== 'string') return collector.reject(itemNumber, 'missing-url');
    if (!YES(phish.verified)) return collector.reject(itemNumber, 'not-verified');
    if (!YES(phish.online)) return collector.reject(itemNumber, 'not-online');
    collector.addUrl(itemNumber, phish.url);
  });
  return collector.result();
}
