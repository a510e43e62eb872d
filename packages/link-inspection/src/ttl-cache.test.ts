import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.ts';

describe('createTtlCache', () => {
  it('returns entries until they expire', () => {
    let now = 1_000;
    const cache = createTtlCache<string>({ ttlMs: 100, maxEntries: 10, now: () => now });
    cache.set('a', 'A');
    now += 99;
    expect(cache.get('a')).toBe('A');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createTtlCache<number>({ ttlMs: 10_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('deletes an entry only while it still holds the given value', () => {
    const cache = createTtlCache<string>({ ttlMs: 10_000, maxEntries: 5 });
    cache.set('k', 'old');
    cache.set('k', 'new');
    cache.deleteIf('k', 'old');
    expect(cache.get('k')).toBe('new');
    cache.deleteIf('k', 'new');
    expect(cache.get('k')).toBeUndefined();
  });
});
