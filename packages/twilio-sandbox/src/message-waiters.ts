import type { MessageStore } from './message-store.ts';
import type { MessageFilter, MessageRecord } from './sandbox.types.ts';

/** Whether a record passes a control-API filter. */
export function matchesFilter(record: MessageRecord, filter: MessageFilter): boolean {
  return (
    (filter.to === undefined || record.to === filter.to) &&
    (filter.from === undefined || record.from === filter.from)
  );
}

interface Waiter {
  filter: MessageFilter;
  count: number;
  matched: number;
  timer: NodeJS.Timeout;
  finish: (records: MessageRecord[] | null) => void;
}

/** A pending wait: `promise` gives the matches, or null on timeout or cancel. */
export interface PendingWait {
  promise: Promise<MessageRecord[] | null>;
  cancel: () => void;
}

/**
 * Long-poll support: waits until `count` stored messages match a filter.
 *
 * Each waiter keeps a running match count updated as messages arrive, so a new message costs one
 * filter check per waiter instead of a rescan of the store.
 */
export function createMessageWaiters(store: MessageStore) {
  const waiters = new Set<Waiter>();

  /** Waits for at least `count` matching messages, for at most `timeoutMs`. */
  function wait(filter: MessageFilter, count: number, timeoutMs: number): PendingWait {
    const existing = store.filter((record) => matchesFilter(record, filter));
    if (existing.length >= count) return { promise: Promise.resolve(existing), cancel: () => {} };
    let cancel = (): void => {};
    const promise = new Promise<MessageRecord[] | null>((resolve) => {
      const waiter: Waiter = {
        filter,
        count,
        matched: existing.length,
        timer: setTimeout(() => waiter.finish(null), timeoutMs),
        finish: (records) => {
          clearTimeout(waiter.timer);
          waiters.delete(waiter);
          resolve(records);
        },
      };
      waiters.add(waiter);
      cancel = () => waiter.finish(null);
    });
    return { promise, cancel: () => cancel() };
  }

  /** Counts a newly stored message towards every waiter it matches. */
  function notify(record: MessageRecord): void {
    if (waiters.size === 0) return;
    for (const waiter of waiters) {
      if (!matchesFilter(record, waiter.filter)) continue;
      waiter.matched += 1;
      if (waiter.matched >= waiter.count) waiter.finish(store.filter((r) => matchesFilter(r, waiter.filter)));
    }
  }

  /** Restarts every count from zero after the store was cleared. */
  function reset(): void {
    for (const waiter of waiters) waiter.matched = 0;
  }

  /** Ends every wait as a timeout. */
  function close(): void {
    for (const waiter of waiters) waiter.finish(null);
  }

  return { wait, notify, reset, close };
}

export type MessageWaiters = ReturnType<typeof createMessageWaiters>;
