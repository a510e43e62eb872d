import type { MessageStore } from './message-store.ts';
import type { MessageRecord } from './sandbox.types.ts';
import { API_VERSION, toTwilioResource } from './twilio-format.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
/** Twilio's page tokens for messages are `PA` + the SID of the last message on the previous page. */
const PAGE_TOKEN_PREFIX = 'PA';

/** Parsed `GET Messages.json` query. Date bounds are epoch ms, inclusive, compared per second. */
export interface MessageListQuery {
  to: string | null;
  from: string | null;
  sentOn: { startMs: number; endMs: number } | null;
  sentAfterMs: number | null;
  sentBeforeMs: number | null;
  page: number;
  pageSize: number;
  pageToken: string | null;
  /** The filter parameters as received, repeated verbatim in page URIs. */
  filterParams: Array<[string, string]>;
}

const FILTER_KEYS = ['To', 'From', 'DateSent', 'DateSent>', 'DateSent<'] as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parseDate(value: string | null): number | null | undefined {
  if (value === null) return null;
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

function parsePaging(search: URLSearchParams): { page: number; pageSize: number } | string {
  const pageSize = Number(search.get('PageSize') ?? DEFAULT_PAGE_SIZE);
  const page = Number(search.get('Page') ?? 0);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return `PageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`;
  }
  if (!Number.isInteger(page) || page < 0) return 'Page must be a non-negative integer';
  return { page, pageSize };
}

/**
 * Parses the filters as the twilio SDK v6 sends them: `To`, `From`, `DateSent`, `DateSent>`,
 * `DateSent<` (ISO `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DD`), `PageSize`, `Page`, `PageToken`. Following
 * Twilio's docs, `DateSent>`/`DateSent<` are inclusive and a bare date means midnight UTC; `DateSent`
 * with a bare date matches that whole day. Returns an error message for malformed values.
 */
export function parseMessageListQuery(search: URLSearchParams): MessageListQuery | string {
  const paging = parsePaging(search);
  if (typeof paging === 'string') return paging;
  const exact = search.get('DateSent');
  const exactMs = parseDate(exact);
  const afterMs = parseDate(search.get('DateSent>'));
  const beforeMs = parseDate(search.get('DateSent<'));
  if (exactMs === undefined || afterMs === undefined || beforeMs === undefined) {
    return 'DateSent filters must be YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ';
  }
  const filterParams: Array<[string, string]> = [];
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value !== null) filterParams.push([key, value]);
  }
  const dayLength = exact !== null && DATE_ONLY.test(exact) ? DAY_MS - 1000 : 0;
  return {
    to: search.get('To'),
    from: search.get('From'),
    sentOn: exactMs === null ? null : { startMs: exactMs, endMs: exactMs + dayLength },
    sentAfterMs: afterMs,
    sentBeforeMs: beforeMs,
    ...paging,
    pageToken: search.get('PageToken'),
    filterParams,
  };
}

/** `date_sent` is reported to the second, so filters compare the truncated time. */
function sentSecondMs(record: MessageRecord): number {
  return record.createdMs - (record.createdMs % 1000);
}

function matches(record: MessageRecord, query: MessageListQuery, accountSid: string): boolean {
  if (record.accountSid !== accountSid) return false;
  if (query.to !== null && record.to !== query.to) return false;
  if (query.from !== null && record.from !== query.from) return false;
  const sent = sentSecondMs(record);
  if (query.sentBeforeMs !== null && sent > query.sentBeforeMs) return false;
  if (query.sentOn !== null && (sent < query.sentOn.startMs || sent > query.sentOn.endMs)) return false;
  return true;
}

/** Lower bound on send time below which no older record can match, or -Infinity. */
function oldestRelevantMs(query: MessageListQuery): number {
  return Math.max(query.sentAfterMs ?? -Infinity, query.sentOn?.startMs ?? -Infinity);
}

/**
 * Up to `pageSize + 1` matching records, newest first; the extra one only signals a next page.
 * Records are stored in creation order and the clock only moves forward, so the scan stops at the first
 * one older than the lower bound.
 */
function collect(store: MessageStore, query: MessageListQuery, accountSid: string): MessageRecord[] {
  const out: MessageRecord[] = [];
  const lowerMs = oldestRelevantMs(query);
  const cursor = query.pageToken?.startsWith(PAGE_TOKEN_PREFIX)
    ? store.get(query.pageToken.slice(PAGE_TOKEN_PREFIX.length))
    : undefined;
  if (query.pageToken !== null && cursor === undefined) return out; // cursor evicted or cleared
  let skip = cursor === undefined ? query.page * query.pageSize : 0;
  store.scanNewestFirst((record) => {
    if (sentSecondMs(record) < lowerMs) return false;
    if (!matches(record, query, accountSid)) return true;
    if (skip > 0) skip -= 1;
    else out.push(record);
    return out.length <= query.pageSize;
  }, cursor?.seq);
  return out;
}

function pageUri(base: string, query: MessageListQuery, page: number, token: string | null): string {
  const search = new URLSearchParams(query.filterParams);
  search.set('PageSize', String(query.pageSize));
  search.set('Page', String(page));
  if (token !== null) search.set('PageToken', token);
  return `${base}?${search.toString()}`;
}

/** One page of an account's messages in Twilio's list format, newest first. */
export function listMessagesPage(
  store: MessageStore,
  accountSid: string,
  query: MessageListQuery,
): Record<string, unknown> {
  const base = `/${API_VERSION}/Accounts/${accountSid}/Messages.json`;
  const found = collect(store, query, accountSid);
  const hasNext = found.length > query.pageSize;
  const records = hasNext ? found.slice(0, query.pageSize) : found;
  const last = records[records.length - 1];
  const start = query.page * query.pageSize;
  return {
    messages: records.map(toTwilioResource),
    end: records.length === 0 ? start : start + records.length - 1,
    first_page_uri: pageUri(base, query, 0, null),
    next_page_uri:
      hasNext && last ? pageUri(base, query, query.page + 1, PAGE_TOKEN_PREFIX + last.sid) : null,
    page: query.page,
    page_size: query.pageSize,
    previous_page_uri: query.page > 0 ? pageUri(base, query, query.page - 1, null) : null,
    start,
    uri: pageUri(base, query, query.page, query.pageToken),
  };
}
