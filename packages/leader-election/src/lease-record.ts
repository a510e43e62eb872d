import { V1MicroTime, type V1Lease, type V1LeaseSpec } from '@kubernetes/client-node';

/** The leader-election fields of a Lease's spec, normalized (client-go's `LeaderElectionRecord`). */
export interface LeaderRecord {
  /** Empty when nobody holds the lease (never written, or released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: Date | null;
  renewTime: Date | null;
  leaseTransitions: number;
}

/** The client does not revive MicroTime fields: they arrive as strings despite their Date type. */
function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function recordOf(lease: V1Lease): LeaderRecord {
  const spec: V1LeaseSpec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: toDate(spec.acquireTime),
    renewTime: toDate(spec.renewTime),
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}

/**
 * Whether two reads show the same record. A holder that renews changes `renewTime`, so an unchanged
 * record means nobody renewed in between, whatever the clocks say.
 */
export function sameRecord(a: LeaderRecord, b: LeaderRecord): boolean {
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime?.getTime() === b.acquireTime?.getTime() &&
    a.renewTime?.getTime() === b.renewTime?.getTime() &&
    a.leaseTransitions === b.leaseTransitions
  );
}

/** kube-apiserver parses MicroTime with exactly six fractional digits; `V1MicroTime` writes them. */
const microTime = (date: Date) => new V1MicroTime(date.getTime());

/**
 * The spec `identity` writes to take or keep the lease: a renewal keeps `acquireTime` and the
 * transition count; a takeover from anyone else (or from nobody, after a release) starts a new term
 * and counts one more transition.
 */
export function claimSpec(
  previous: LeaderRecord | null,
  identity: string,
  leaseDurationSeconds: number,
  now: Date,
): V1LeaseSpec {
  const renewing = previous !== null && previous.holderIdentity === identity;
  return {
    holderIdentity: identity,
    leaseDurationSeconds,
    acquireTime: microTime(renewing && previous.acquireTime ? previous.acquireTime : now),
    renewTime: microTime(now),
    leaseTransitions: previous === null ? 0 : previous.leaseTransitions + (renewing ? 0 : 1),
  };
}

/**
 * The spec written on a graceful stop (client-go's ReleaseOnCancel): no holder and a one-second
 * duration, so the next candidate takes over at its next try; the transition count is kept.
 */
export function releaseSpec(previous: LeaderRecord, now: Date): V1LeaseSpec {
  return {
    holderIdentity: '',
    leaseDurationSeconds: 1,
    acquireTime: microTime(now),
    renewTime: microTime(now),
    leaseTransitions: previous.leaseTransitions,
  };
}
