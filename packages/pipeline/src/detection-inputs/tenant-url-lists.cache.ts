import type { Pool } from '@elara/db/pool';
import type { TenantUrlLists } from '@elara/detection/types';
import { loadTenantUrlLists } from './tenant-url-lists.repo.ts';

export interface TenantUrlListCacheOptions {
  pool: Pool;
  /** How long a tenant's lists are reused; a change in the admin API shows up within this. */
  ttlMs: number;
  now?: () => number;
}

export interface TenantUrlListCache {
  get(tenantId: string): Promise<TenantUrlLists>;
}

interface Entry {
  lists: Promise<TenantUrlLists>;
  expiresAt: number;
}

/**
 * Per-tenant allow/block lists for the scan, cached in memory for `ttlMs`. Concurrent misses for
 * the same tenant share one query; a failed load is not cached.
 */
export function createTenantUrlListCache(options: TenantUrlListCacheOptions): TenantUrlListCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    get(tenantId) {
      const cached = entries.get(tenantId);
      if (cached && cached.expiresAt > now()) return cached.lists;
      const lists = loadTenantUrlLists(options.pool, [tenantId]).then(
        (loaded) => loaded.get(tenantId) ?? { allow: [], block: [] },
      );
      entries.set(tenantId, { lists, expiresAt: now() + options.ttlMs });
      lists.catch(() => entries.delete(tenantId));
      return lists;
    },
  };
}
