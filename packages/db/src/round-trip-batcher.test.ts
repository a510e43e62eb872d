import { describe, expect, it } from 'vitest';
import { createRoundTripBatcher } from './round-trip-batcher.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('round-trip batcher', () => {
  it('sends a lone call at once, on its own', async () => {
    const batches: number[][] = [];
    const write = createRoundTripBatcher<number, number>({
      run: async (items) => (batches.push(items), items.map((i) => i * 2)),
      maxBatch: 10,
      maxInFlight: 2,
    });
    expect(await write(21)).toBe(42);
    expect(batches).toEqual([[21]]);
  });

  it('groups calls that arrive while the in-flight batches run, and keeps results in order', async () => {
    const batches: number[][] = [];
    const write = createRoundTripBatcher<number, string>({
      run: async (items) => {
        batches.push(items);
        await tick();
        return items.map((i) => `r${i}`);
      },
      maxBatch: 3,
      maxInFlight: 1,
    });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => write(i)));
    expect(results).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const write = createRoundTripBatcher<number, number>({
      run: async (items) => {
        await tick();
        if (items.includes(3)) throw new Error('bad item');
        return items;
      },
      maxBatch: 10,
      maxInFlight: 1,
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((i) => write(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('batched SQL arguments', () => {
  it('turns items into one array per column and rows back into input order', async () => {
    const { byOrdinal, toColumns } = await import('./round-trip-batcher.ts');
    expect(
      toColumns(
        [
          { a: 1, b: 'x' },
          { a: 2, b: 'y' },
        ],
        (i) => [i.a, i.b],
      ),
    ).toEqual([
      [1, 2],
      ['x', 'y'],
    ]);
    expect(
      byOrdinal(
        [
          { ord: 3, id: 'c' },
          { ord: 1, id: 'a' },
        ],
        3,
        (r) => r.id,
      ),
    ).toEqual(['a', null, 'c']);
  });
});
