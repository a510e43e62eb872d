import { describe, expect, it } from 'vitest';
import { computeAuditHash, GENESIS_HASH } from './chain-hash.ts';
import { createChainWalker, type ChainHead, type ChainRow, type ChainWalkResult } from './chain-walker.ts';

const TENANT = '22222222-2222-2222-2222-222222222222';

/** A valid chain of `n` rows and its head, built with the same hash the database computes. */
function chain(n: number): { rows: ChainRow[]; head: ChainHead } {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      seq: String(seq),
      occurredAtMicros: String(1_764_000_000_000_000 + seq),
      actorType: 'user',
      actorId: 'u1',
      actorDisplay: null,
      action: 'sender.create',
      targetType: 'sender',
      targetId: `s${seq}`,
      outcome: 'success',
      sourceIp: null,
      userAgent: null,
      detailsText: '{}',
      prevHash,
    };
    const hash = computeAuditHash({ ...fields, tenantId: TENANT });
    rows.push({ ...fields, hash });
    prevHash = hash;
  }
  return { rows, head: { lastSeq: n, lastHash: prevHash } };
}

function walk(rows: ChainRow[], head: ChainHead | null, tenantId: string | null = TENANT): ChainWalkResult {
  const walker = createChainWalker(tenantId);
  walker.setHead(head);
  for (const row of rows) if (!walker.push(row)) break;
  return walker.finish();
}

describe('the chain walker', () => {
  it('accepts an intact chain, and an empty one without a head', () => {
    const { rows, head } = chain(5);
    expect(walk(rows, head)).toEqual({ ok: true, events: 5, headSeq: 5, problem: null });
    expect(walk([], null)).toEqual({ ok: true, events: 0, headSeq: null, problem: null });
  });

  it('reports an edited row', () => {
    const { rows, head } = chain(5);
    rows[2] = { ...rows[2]!, targetId: 'other' };
    expect(walk(rows, head).problem).toMatchObject({ kind: 'hash_mismatch', seq: 3 });
  });

  it('reports a deleted row as a gap', () => {
    const { rows, head } = chain(5);
    rows.splice(2, 1);
    expect(walk(rows, head).problem).toMatchObject({ kind: 'seq_gap', seq: 4 });
  });

  it('reports deleted last rows against the head', () => {
    const { rows, head } = chain(5);
    expect(walk(rows.slice(0, 3), head).problem).toMatchObject({ kind: 'tail_missing', seq: 5 });
    expect(walk([], head).problem).toMatchObject({ kind: 'tail_missing', seq: 5 });
  });

  it('reports rows without a head, a row after the head and a head that does not match', () => {
    const { rows, head } = chain(3);
    expect(walk(rows, null).problem).toMatchObject({ kind: 'missing_head', seq: 3 });
    expect(walk(rows, { lastSeq: 2, lastHash: rows[1]!.hash }).problem).toMatchObject({
      kind: 'beyond_head',
      seq: 3,
    });
    expect(walk(rows, { ...head, lastHash: GENESIS_HASH }).problem).toMatchObject({ kind: 'head_mismatch' });
  });

  it('reports a duplicated seq and a broken link', () => {
    const { rows, head } = chain(4);
    expect(walk([rows[0]!, rows[1]!, rows[1]!, rows[2]!], head).problem).toMatchObject({
      kind: 'duplicate_seq',
      seq: 2,
    });
    const swapped = [rows[0]!, { ...rows[2]!, seq: '2' }, { ...rows[1]!, seq: '3' }, rows[3]!];
    expect(walk(swapped, head).problem).toMatchObject({ kind: 'broken_link', seq: 2 });
  });

  it("hashes with the chain's tenant, so a row moved from another chain fails", () => {
    const { rows, head } = chain(2);
    expect(walk(rows, head, '33333333-3333-3333-3333-333333333333').problem).toMatchObject({
      kind: 'hash_mismatch',
      seq: 1,
    });
  });
});
