import { describe, expect, it } from 'vitest';
import { createMessageStore, type NewMessageRecord } from './message-store.ts';
import type { MessageRecord } from './sandbox.types.ts';

function record(n: number): NewMessageRecord {
  return {
    sid: `SM${String(n).padStart(32, '0')}`,
    accountSid: 'AC1',
    to: 'whatsapp:+1',
    from: 'whatsapp:+2',
    body: `m${n}`,
    mediaUrls: [],
    status: 'queued',
    statusCallback: null,
    errorCode: null,
    createdMs: n,
    updatedMs: n,
  };
}

function newestFirst(store: ReturnType<typeof createMessageStore>, beforeSeq?: number): string[] {
  const bodies: string[] = [];
  store.scanNewestFirst((r: MessageRecord) => bodies.push(r.body) > 0, beforeSeq);
  return bodies;
}

describe('message store', () => {
  it('keeps only the newest maxMessages, forgetting evicted sids', () => {
    const store = createMessageStore(3);
    const first = store.add(record(0));
    for (let i = 1; i < 5; i += 1) store.add(record(i));

    expect(store.size()).toBe(3);
    expect(store.filter(() => true).map((r) => r.body)).toEqual(['m2', 'm3', 'm4']);
    expect(store.get(first.sid)).toBeUndefined();
    expect(store.holds(first)).toBe(false);
  });

  it('stays consistent across compactions', () => {
    const store = createMessageStore(10);
    const added = Array.from({ length: 5_000 }, (_, i) => store.add(record(i)));
    const cursor = added[4_995] as MessageRecord;

    expect(store.size()).toBe(10);
    expect(newestFirst(store).slice(0, 3)).toEqual(['m4999', 'm4998', 'm4997']);
    expect(newestFirst(store, cursor.seq)).toEqual(['m4994', 'm4993', 'm4992', 'm4991', 'm4990']);
    expect(newestFirst(store, (added[100] as MessageRecord).seq)).toEqual([]);
  });

  it('clear forgets everything but keeps seqs increasing', () => {
    const store = createMessageStore(10);
    const before = store.add(record(1));
    store.clear();
    const after = store.add(record(2));

    expect(store.holds(before)).toBe(false);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(newestFirst(store)).toEqual(['m2']);
  });
});
