import type { Pool } from '@elara/db/pool';
import { loadAllEntries, readFeedVersions, type FeedVersion } from '../store/threat-feed.repo.ts';
import { createThreatIndexBuilder, type ThreatIndex } from './threat-index.ts';

/** What the refresher logs through; pino's logger fits. */
export interface RefresherLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ThreatIndexRefresherInput {
  pool: Pool;
  logger: RefresherLogger;
  /** How often to compare the feeds' versions with the loaded ones (one small query). */
  pollIntervalMs: number;
}

function fingerprint(versions: readonly FeedVersion[]): string {
  return versions.map((v) => `${v.name}:${v.version}`).join(',');
}

/** Loads every imported feed from one consistent snapshot into a new index. */
export async function loadThreatIndex(pool: Pool): Promise<{ index: ThreatIndex; versions: FeedVersion[] }> {
  const builder = createThreatIndexBuilder();
  const versions = await loadAllEntries(pool, (feed, kind, value) => builder.add(feed, kind, value));
  for (const { name } of versions) builder.addFeed(name);
  return { index: builder.build(), versions };
}

/**
 * Keeps a worker's in-memory threat index current. `start()` loads every feed (and rejects if
 * that fails); then every `pollIntervalMs` it reads the feeds' versions and, only when they
 * differ from the loaded ones, builds a new index and swaps it in with one assignment, so a scan
 * sees the old index or the new one, never a mix. A failed poll or reload is logged and keeps the
 * old index; the next poll tries again. Polls never overlap.
 */
export function createThreatIndexRefresher({ pool, logger, pollIntervalMs }: ThreatIndexRefresherInput) {
  let index: ThreatIndex = createThreatIndexBuilder().build();
  let loaded = '';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | null = null;

  async function reload(): Promise<void> {
    const started = performance.now();
    const next = await loadThreatIndex(pool);
    index = next.index;
    loaded = fingerprint(next.versions);
    logger.info(
      { feeds: next.versions, ...next.index.size, durationMs: Math.round(performance.now() - started) },
      'threat index loaded',
    );
  }

  async function reloadIfChanged(): Promise<boolean> {
    if (fingerprint(await readFeedVersions(pool)) === loaded) return false;
    await reload();
    return true;
  }

  /** One poll; a second call while one runs shares it. Resolves to whether the index changed. */
  function checkNow(): Promise<boolean> {
    running ??= reloadIfChanged()
      .catch((error: Error) => {
        logger.warn({ err: error }, 'threat index reload failed; keeping the loaded one');
        return false;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    /** Loads the index once, then polls. Rejects when the first load fails. */
    async start(): Promise<void> {
      await reload();
      timer ??= setInterval(() => void checkNow(), pollIntervalMs);
      timer.unref();
    },
    /** The index to scan with now; keep no reference across scans, so a reload is picked up. */
    current(): ThreatIndex {
      return index;
    },
    checkNow,
    /** Stops polling and waits for a poll in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type ThreatIndexRefresher = ReturnType<typeof createThreatIndexRefresher>;
