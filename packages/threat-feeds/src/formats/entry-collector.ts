import type { EntryKind, FeedEntry, ParseResult, RejectReason } from '../feed.types.ts';
import { normalizeFeedDomain } from '../normalize/host-name.ts';
import { normalizeFeedUrl } from '../normalize/url-key.ts';

const MAX_EXAMPLES = 10;

/**
 * Gathers one document's entries: normalises each candidate, drops repeats (counted as
 * duplicates) and counts rejections by reason, keeping the first few as examples. Parsers feed it
 * line by line and never throw for a bad line.
 */
export function createEntryCollector() {
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  const byReason: Partial<Record<RejectReason, number>> = {};
  const examples: { line: number; reason: RejectReason }[] = [];
  let rejected = 0;
  let duplicates = 0;

  function add(kind: EntryKind, value: string): void {
    const id = `${kind} ${value}`;
    if (seen.has(id)) {
      duplicates += 1;
      return;
    }
    seen.add(id);
    entries.push({ kind, value });
  }

  function reject(line: number, reason: RejectReason): void {
    rejected += 1;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (examples.length < MAX_EXAMPLES) examples.push({ line, reason });
  }

  return {
    reject,
    /** A URL entry from `raw` (see `normalizeFeedUrl`), or a rejection of `line`. */
    addUrl(line: number, raw: string): void {
      const normalized = normalizeFeedUrl(raw);
      if ('reason' in normalized) reject(line, normalized.reason);
      else add('url', normalized.key);
    },
    /** A `domain` or `allow` entry from `raw` (see `normalizeFeedDomain`), or a rejection. */
    addDomain(line: number, raw: string, kind: 'domain' | 'allow' = 'domain'): void {
      const normalized = normalizeFeedDomain(raw);
      if ('reason' in normalized) reject(line, normalized.reason);
      else add(kind, normalized.domain);
    },
    result(): ParseResult {
      return { entries, rejected: { count: rejected, byReason, examples }, duplicates };
    },
  };
}

export type EntryCollector = ReturnType<typeof createEntryCollector>;
