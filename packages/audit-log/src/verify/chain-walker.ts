import { computeAuditHash, GENESIS_HASH, type AuditHashFields } from './chain-hash.ts';

/** One stored event as the verifier reads it: the hashed fields plus the stored hash. */
export interface ChainRow extends Omit<AuditHashFields, 'tenantId'> {
  hash: string;
}

/** A chain's head as stored: its last seq and hash. */
export interface ChainHead {
  lastSeq: number;
  lastHash: string;
}

export type ChainProblemKind =
  /** A row's content no longer matches its hash: the row was edited. */
  | 'hash_mismatch'
  /** A row's prev_hash is not the previous row's hash: a row was removed, inserted or moved. */
  | 'broken_link'
  /** Seq numbers skip: rows were deleted. */
  | 'seq_gap'
  /** Two rows share a seq: a row was inserted (the unique key was dropped to do it). */
  | 'duplicate_seq'
  /** A row lies after the head: it was inserted without moving the head. */
  | 'beyond_head'
  /** The chain ends before its head: the last rows were deleted. */
  | 'tail_missing'
  /** The last row's hash is not the head's hash. */
  | 'head_mismatch'
  /** Rows exist but the chain has no head: the head was deleted. */
  | 'missing_head';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The seq where the walk stopped (for tail problems: the head's seq). */
  seq: number;
  message: string;
}

export interface ChainWalkResult {
  ok: boolean;
  /** Rows that checked out before the first problem (all of them when ok). */
  events: number;
  headSeq: number | null;
  problem: ChainProblem | null;
}

/**
 * Walks one chain's rows in (seq, id) order and keeps the first problem. Every row's hash is
 * recomputed with the chain's own tenant id, so a row moved in from another chain fails too.
 * `push` returns false once a problem is found (the rest need not be read).
 */
export function createChainWalker(tenantId: string | null) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let events = 0;
  let problem: ChainProblem | null = null;
  let head: ChainHead | null | undefined;

  const stop = (kind: ChainProblemKind, seq: number, message: string): false => {
    problem = { kind, seq, message };
    return false;
  };

  return {
    /** The head read in the same snapshot as the rows, before them (null: no head). */
    setHead(value: ChainHead | null): void {
      head = value;
    },

    push(row: ChainRow): boolean {
      if (problem) return false;
      const seq = Number(row.seq);
      if (seq < expectedSeq) {
        return stop('duplicate_seq', seq, `seq ${seq} appears more than once: a row was inserted`);
      }
      if (seq > expectedSeq) {
        const missing = seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}..${seq - 1}`;
        return stop('seq_gap', seq, `seq ${missing} missing: rows were deleted`);
      }
      if (head && seq > head.lastSeq) {
        return stop(
          'beyond_head',
          seq,
          `seq ${seq} lies after the head (${head.lastSeq}): a row was inserted`,
        );
      }
      if (row.prevHash !== prevHash) {
        return stop(
          'broken_link',
          seq,
          `seq ${seq} does not link to seq ${seq - 1}: a row before it was changed, removed, inserted or moved`,
        );
      }
      if (computeAuditHash({ ...row, tenantId }) !== row.hash) {
        return stop('hash_mismatch', seq, `seq ${seq} does not match its hash: the row was edited`);
      }
      expectedSeq = seq + 1;
      prevHash = row.hash;
      events += 1;
      return true;
    },

    finish(): ChainWalkResult {
      const headSeq = head ? head.lastSeq : null;
      if (!problem && head === undefined) throw new Error('setHead must be called before finish');
      if (!problem) checkTail();
      return { ok: problem === null, events, headSeq, problem };
    },
  };

  function checkTail(): void {
    const lastSeq = expectedSeq - 1;
    if (!head) {
      if (events > 0)
        stop('missing_head', lastSeq, `the chain has ${events} rows but no head: the head was deleted`);
      return;
    }
    if (lastSeq < head.lastSeq) {
      const missing = lastSeq + 1 === head.lastSeq ? `${head.lastSeq}` : `${lastSeq + 1}..${head.lastSeq}`;
      stop('tail_missing', head.lastSeq, `seq ${missing} missing at the end: the last rows were deleted`);
    } else if (prevHash !== head.lastHash) {
      stop('head_mismatch', lastSeq, `the last row (seq ${lastSeq}) does not match the head's hash`);
    }
  }
}

export type ChainWalker = ReturnType<typeof createChainWalker>;
