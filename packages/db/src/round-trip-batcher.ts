interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export interface RoundTripBatcherOptions<I, O> {
  /** Runs a batch in one round trip; returns one result per item, in order. */
  run: (items: I[]) => Promise<O[]>;
  /** Most items in one round trip (default 64). */
  maxBatch?: number;
  /**
   * Batches under way at once (default 4, well under a pool of 10); calls beyond wait and go
   * together in the next batch.
   */
  maxInFlight?: number;
}

/**
 * Shares round trips between concurrent single-statement calls (for writes, a group commit). A call
 * goes out at once while fewer than `maxInFlight` batches are running, so an idle system adds no
 * latency; under load, calls that arrive meanwhile share the next round trip (and commit). A failed
 * batch is retried item by item, so one bad item cannot fail the others.
 */
export function createRoundTripBatcher<I, O>({
  run,
  maxBatch = 64,
  maxInFlight = 4,
}: RoundTripBatcherOptions<I, O>) {
  const waiting: Pending<I, O>[] = [];
  let inFlight = 0;

  async function settle(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((p) => settle([p])));
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight += 1;
      void settle(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}

/** Items as one array per column: the arguments of a batched SQL function (`unnest`-style). */
export function toColumns<T>(items: readonly T[], row: (item: T) => unknown[]): unknown[][] {
  const columns: unknown[][] = [];
  items.forEach((item, i) => row(item).forEach((value, c) => ((columns[c] ??= [])[i] = value)));
  return columns;
}

/** A batched SQL function's rows back in input order, by their 1-based `ord`; null where it had none. */
export function byOrdinal<R extends { ord: number }, T>(
  rows: readonly R[],
  count: number,
  pick: (row: R) => T,
): (T | null)[] {
  const results = new Array<T | null>(count).fill(null);
  for (const row of rows) results[row.ord - 1] = pick(row);
  return results;
}
