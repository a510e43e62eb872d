import type { ThreatLookup, ThreatMatch } from '@elara/detection/types';
import type { EntryKind, FeedEntry } from '../feed.types.ts';
import { isIpLiteral, publicSuffixOf, stripWww, toAsciiHost, withoutWww } from '../normalize/host-name.ts';
import { hostnameOf, parseHttpUrl, urlKey } from '../normalize/url-key.ts';

/** The feeds (by position in `feeds`) that list one value; one number in the common case. */
type FeedIds = number | number[];

export interface ThreatIndexSize {
  urls: number;
  domains: number;
  allows: number;
}

/** An immutable in-memory index of every loaded feed; safe to share between concurrent scans. */
export interface ThreatIndex extends ThreatLookup {
  /** Feed names, in the order they were first added. */
  readonly feeds: readonly string[];
  readonly size: ThreatIndexSize;
}

const NO_MATCHES: readonly ThreatMatch[] = Object.freeze([]);

function addId(map: Map<string, FeedIds>, value: string, id: number): void {
  const existing = map.get(value);
  if (existing === undefined) map.set(value, id);
  else if (typeof existing === 'number') {
    if (existing !== id) map.set(value, [existing, id]);
  } else if (!existing.includes(id)) existing.push(id);
}

function hasId(ids: FeedIds | undefined, id: number): boolean {
  return ids !== undefined && (ids === id || (typeof ids !== 'number' && ids.includes(id)));
}

function idList(ids: FeedIds): readonly number[] {
  return typeof ids === 'number' ? [ids] : ids;
}

/**
 * Collects normalised entries (as the parsers and the store produce them; they are not
 * normalised again) and builds a `ThreatIndex`. Not safe to use after `build()`.
 */
export function createThreatIndexBuilder() {
  const feeds: string[] = [];
  const feedIds = new Map<string, number>();
  const maps: Record<EntryKind, Map<string, FeedIds>> = {
    url: new Map(),
    domain: new Map(),
    allow: new Map(),
  };

  function feedId(name: string): number {
    let id = feedIds.get(name);
    if (id === undefined) {
      id = feeds.length;
      feeds.push(name);
      feedIds.set(name, id);
    }
    return id;
  }

  return {
    /** Registers a feed even when it has no entries, so `feeds` lists it. */
    addFeed(name: string): void {
      feedId(name);
    },
    add(feed: string, kind: EntryKind, value: string): void {
      addId(maps[kind], value, feedId(feed));
    },
    addAll(feed: string, entries: Iterable<FeedEntry>): void {
      const id = feedId(feed);
      for (const entry of entries) addId(maps[entry.kind], entry.value, id);
    },
    build(): ThreatIndex {
      return buildIndex(feeds, maps.url, maps.domain, maps.allow);
    },
  };
}

/** A `ThreatIndex` over whole feeds at once. */
export function createThreatIndex(feeds: { name: string; entries: Iterable<FeedEntry> }[]): ThreatIndex {
  const builder = createThreatIndexBuilder();
  for (const feed of feeds) builder.addAll(feed.name, feed.entries);
  return builder.build();
}

function buildIndex(
  feeds: readonly string[],
  urls: Map<string, FeedIds>,
  domains: Map<string, FeedIds>,
  allows: Map<string, FeedIds>,
): ThreatIndex {
  // One frozen match object per feed and kind, shared by every lookup.
  const matchesOf = (kind: ThreatMatch['kind']) => feeds.map((feed) => Object.freeze({ feed, kind }));
  const byKind = { url: matchesOf('url'), host: matchesOf('host'), domain: matchesOf('domain') };

  /**
   * Domain entries on the host or any parent up to (not including) its public suffix; the first
   * hit of a feed is its most specific one. A feed's allow entries on the same chain cancel it.
   */
  function matchDomains(host: string, bare: string, suffixLength: number, found: ThreatMatch[]): void {
    const hits: { id: number; kind: 'host' | 'domain' }[] = [];
    const allowed: number[] = [];
    for (let candidate = host; candidate.length > suffixLength;) {
      const ids = domains.get(candidate);
      if (ids !== undefined) {
        const kind = candidate === host || candidate === bare ? 'host' : 'domain';
        for (const id of idList(ids)) if (!hits.some((hit) => hit.id === id)) hits.push({ id, kind });
      }
      const allowIds = allows.size > 0 ? allows.get(candidate) : undefined;
      if (allowIds !== undefined) allowed.push(...idList(allowIds));
      const dot = candidate.indexOf('.');
      if (dot < 0) break;
      candidate = candidate.slice(dot + 1);
    }
    for (const hit of hits) if (!allowed.includes(hit.id)) found.push(byKind[hit.kind][hit.id]!);
  }

  /** IP hosts match `domain` entries on the exact address only. */
  function matchAddress(host: string, found: ThreatMatch[]): void {
    const ids = domains.get(host);
    if (ids === undefined) return;
    for (const id of idList(ids)) if (!hasId(allows.get(host), id)) found.push(byKind.host[id]!);
  }

  return {
    feeds,
    size: { urls: urls.size, domains: domains.size, allows: allows.size },
    /**
     * Feeds listing this link. `url` entries match only the same URL key (scheme, default port,
     * trailing slash, fragment and a `www.` subdomain ignored; query kept); domain entries match
     * `host` and its subdomains. At most one `url` and one `host`/`domain` match per feed.
     */
    match(url: string, host: string): readonly ThreatMatch[] {
      const asciiHost = toAsciiHost(host);
      const ip = isIpLiteral(asciiHost);
      // The public suffix is computed once and shared by the URL key and the domain walk.
      const suffixLength = asciiHost === '' || ip ? 0 : publicSuffixOf(asciiHost).length;
      const bare = ip ? asciiHost : stripWww(asciiHost, suffixLength);
      const found: ThreatMatch[] = [];
      if (urls.size > 0) {
        const parsed = parseHttpUrl(url.trim());
        if (typeof parsed === 'object' && parsed !== null) {
          const urlHost = hostnameOf(parsed);
          const ids = urls.get(urlKey(parsed, urlHost === asciiHost ? bare : withoutWww(urlHost)));
          if (ids !== undefined) for (const id of idList(ids)) found.push(byKind.url[id]!);
        }
      }
      if (domains.size > 0 && asciiHost !== '') {
        if (ip) matchAddress(asciiHost, found);
        else matchDomains(asciiHost, bare, suffixLength, found);
      }
      return found.length > 0 ? found : NO_MATCHES;
    },
  };
}
