import { V1Lease } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { claimSpec, recordOf, releaseSpec, sameRecord, type LeaderRecord } from './lease-record.ts';

const t0 = new Date('2030-01-02T03:04:05.678Z');
const t1 = new Date('2030-01-02T03:04:15.000Z');

function held(holderIdentity: string, leaseTransitions = 3): LeaderRecord {
  return { holderIdentity, leaseDurationSeconds: 15, acquireTime: t0, renewTime: t0, leaseTransitions };
}

describe('recordOf', () => {
  it('reads MicroTime fields the client leaves as strings, and defaults a bare spec', () => {
    const lease = Object.assign(new V1Lease(), {
      spec: { holderIdentity: 'pod-a', renewTime: '2030-01-02T03:04:05.678000Z' as unknown as Date },
    });
    const record = recordOf(lease);
    expect(record.renewTime?.toISOString()).toBe('2030-01-02T03:04:05.678Z');
    expect(record).toMatchObject({ holderIdentity: 'pod-a', leaseDurationSeconds: 0, leaseTransitions: 0 });
    expect(recordOf(new V1Lease())).toMatchObject({ holderIdentity: '', acquireTime: null });
  });
});

describe('sameRecord', () => {
  it('sees a renewal (a new renewTime) as a change, equal fields as none', () => {
    expect(sameRecord(held('a'), held('a'))).toBe(true);
    expect(sameRecord(held('a'), { ...held('a'), renewTime: t1 })).toBe(false);
    expect(sameRecord(held('a'), held('b'))).toBe(false);
  });
});

describe('claimSpec', () => {
  it('creates a lease at transition 0, written as six-digit MicroTime', () => {
    const spec = claimSpec(null, 'pod-a', 15, t0);
    expect(spec).toMatchObject({ holderIdentity: 'pod-a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(JSON.parse(JSON.stringify(spec)).renewTime).toBe('2030-01-02T03:04:05.678000Z');
  });

  it('keeps acquireTime and the transition count when renewing its own lease', () => {
    const spec = claimSpec(held('pod-a'), 'pod-a', 15, t1);
    expect(spec.leaseTransitions).toBe(3);
    expect(spec.acquireTime?.getTime()).toBe(t0.getTime());
    expect(spec.renewTime?.getTime()).toBe(t1.getTime());
  });

  it('counts a takeover from another holder or from a released lease as a transition', () => {
    expect(claimSpec(held('pod-b'), 'pod-a', 15, t1)).toMatchObject({ leaseTransitions: 4 });
    expect(claimSpec(held(''), 'pod-a', 15, t1).acquireTime?.getTime()).toBe(t1.getTime());
  });
});

describe('releaseSpec', () => {
  it('clears the holder, shortens the lease to 1 s and keeps the transition count', () => {
    expect(releaseSpec(held('pod-a'), t1)).toMatchObject({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      leaseTransitions: 3,
    });
  });
});
