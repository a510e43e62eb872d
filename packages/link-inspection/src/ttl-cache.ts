interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface TtlCacheOptions {
  ttlMs: number;
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
}

/**
 * A bounded in-memory cache: entries expire after `ttlMs`, and beyond `maxEntries` the least
 * recently used is evicted. A Map keeps insertion order, so re-inserting on read makes the first
 * key the least recently used.
 */
export function createTtlCache<T>(options: TtlCacheOptions) {
  const entries = new Map<string, Entry<T>>();
  const now = options.now ?? Date.now;
  const maxEntries = Math.max(1, Math.floor(options.maxEntries));

  return {
    get(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },

    set(key: string, value: T): void {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },

    /** Deletes the entry only if it still holds `value` (a newer one is left alone). */
    deleteIf(key: string, value: T): void {
      if (entries.get(key)?.value === value) entries.delete(key);
    },

    get size(): number {
      return entries.size;
    },
  };
}

export type TtlCache<T> = ReturnType<typeof createTtlCache<T>>;
