import type { FeedFormat, ParseResult } from '../feed.types.ts';
import { parseDomainList } from './domain-list.ts';
import { parseMetamaskConfig } from './metamask-config.ts';
import { parsePhishtankCsv } from './phishtank-csv.ts';
import { parsePhishtankJson } from './phishtank-json.ts';
import { parseUrlList } from './url-list.ts';
import { parseUrlhausCsv } from './urlhaus-csv.ts';

export { FEED_FORMATS, isFeedFormat } from '../feed.types.ts';
export type { FeedEntry, FeedFormat, ParseResult, RejectReason } from '../feed.types.ts';

const PARSERS: Record<FeedFormat, (text: string) => ParseResult> = {
  'urlhaus-csv': parseUrlhausCsv,
  'url-list': parseUrlList,
  'phishtank-csv': parsePhishtankCsv,
  'phishtank-json': parsePhishtankJson,
  'domain-list': parseDomainList,
  metamask: parseMetamaskConfig,
};

/**
 * Parses a feed document. A bad line or item is counted in `rejected`, never thrown; throws only
 * when the document as a whole is unusable (not JSON, no header, an HTML page).
 */
export function parseFeed(format: FeedFormat, text: string): ParseResult {
  return PARSERS[format](text);
}
