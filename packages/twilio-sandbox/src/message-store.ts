import type { MessageRecord } from './sandbox.types.ts';

/** Input to {@link MessageStore.add}; the store assigns `seq`. */
export type NewMessageRecord = Omit<MessageRecord, 'seq'>;

/**
 * In-memory message log capped at `maxMessages`, oldest dropped first.
 *
 * Invariant: `items[head..]` are the live records in insertion order and `items[i].seq === baseSeq + i`,
 * so a record's position is found from its seq without scanning. Evicted slots before `head` are
 * compacted away in batches so eviction stays O(1) amortised instead of an O(n) `shift` per insert.
 */
export function createMessageStore(maxMessages: number) {
  let items: MessageRecord[] = [];
  let head = 0;
  let baseSeq = 0;
  const bySid = new Map<string, MessageRecord>();
  const compactAt = Math.max(1024, maxMessages >> 3);

  function evictOldest(): void {
    const oldest = items[head];
    if (oldest) bySid.delete(oldest.sid);
    items[head] = undefined as unknown as MessageRecord; // release the record for GC before compaction
    head += 1;
    if (head >= compactAt) {
      items = items.slice(head);
      baseSeq += head;
      head = 0;
    }
  }

  /** Appends a record and returns it with its seq. */
  function add(input: NewMessageRecord): MessageRecord {
    const record = input as MessageRecord;
    record.seq = baseSeq + items.length;
    items.push(record);
    bySid.set(record.sid, record);
    if (items.length - head > maxMessages) evictOldest();
    return record;
  }

  /** Whether this exact record is still stored (not evicted or cleared). */
  function holds(record: MessageRecord): boolean {
    return bySid.get(record.sid) === record;
  }

  /** Index into `items` of a live record's seq, or -1 when it is gone. */
  function indexOfSeq(seq: number): number {
    const index = seq - baseSeq;
    return index >= head && index < items.length ? index : -1;
  }

  /**
   * Visits records newest first, starting just before `beforeSeq` when given; stops when `visit`
   * returns false.
   */
  function scanNewestFirst(visit: (record: MessageRecord) => boolean, beforeSeq?: number): void {
    const start = beforeSeq === undefined ? items.length - 1 : indexOfSeq(beforeSeq) - 1;
    for (let i = start; i >= head; i -= 1) {
      if (!visit(items[i] as MessageRecord)) return;
    }
  }

  /** Records matching `predicate`, oldest first. */
  function filter(predicate: (record: MessageRecord) => boolean): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (let i = head; i < items.length; i += 1) {
      const record = items[i] as MessageRecord;
      if (predicate(record)) out.push(record);
    }
    return out;
  }

  function clear(): void {
    baseSeq += items.length;
    items = [];
    head = 0;
    bySid.clear();
  }

  return {
    add,
    holds,
    scanNewestFirst,
    filter,
    clear,
    get: (sid: string): MessageRecord | undefined => bySid.get(sid),
    size: (): number => items.length - head,
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
