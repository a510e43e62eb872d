import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staticKubeConfig } from './kube-config.ts';
import {
  createLeaseLeaderElection,
  LeaseApiError,
  validateLeaseTimings,
  type LeaseLeaderElectionOptions,
  type StopReason,
} from './lease-leader-election.ts';
import { startFakeLeaseApi, type FakeLeaseApi } from './testing/fake-lease-api.ts';

/*
 * Leader election against a local server speaking the Lease API (`testing/fake-lease-api.ts`),
 * through the real @kubernetes/client-node. Short timings keep it fast: lease 1 s, renew deadline
 * 0.6 s, retry 0.1 s; the margins in the assertions allow for a busy two-core machine.
 */

const TOKEN = 'service-account-token';
const NS = 'elara';
const LEASE = 'elara-scheduler';
const TIMINGS = { leaseDurationSeconds: 1, renewDeadlineSeconds: 0.6, retryPeriodSeconds: 0.1 };

let api: FakeLeaseApi;
const running: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  api = await startFakeLeaseApi({ token: TOKEN });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await api.close();
});

interface Events {
  started: number[];
  stopped: { at: number; reason: StopReason }[];
  errors: Error[];
}

/** A started candidate that records when it started and stopped leading. */
function candidate(identity: string, overrides: Partial<LeaseLeaderElectionOptions> = {}) {
  const events: Events = { started: [], stopped: [], errors: [] };
  const election = createLeaseLeaderElection({
    kubeConfig: staticKubeConfig({ server: api.url, token: TOKEN }),
    namespace: NS,
    leaseName: LEASE,
    identity,
    ...TIMINGS,
    onStartedLeading: () => void events.started.push(Date.now()),
    onStoppedLeading: (reason) => void events.stopped.push({ at: Date.now(), reason }),
    onError: (error) => void events.errors.push(error),
    ...overrides,
  });
  election.start();
  running.push(election);
  return { identity, election, events };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
  return Date.now();
}

const holder = () => api.lease(NS, LEASE)?.spec.holderIdentity;
const transitions = () => api.lease(NS, LEASE)?.spec.leaseTransitions;
const writes = (method: string) => api.requests().filter((r) => r.method === method);

/** Samples both candidates every few ms for `ms`, failing if both ever lead at once. */
async function neverTwoLeaders(a: ReturnType<typeof candidate>, b: ReturnType<typeof candidate>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    expect(a.election.isLeader() && b.election.isLeader()).toBe(false);
    await sleep(5);
  }
}

describe('one candidate', () => {
  it('creates the lease, leads, and renews it every retry period', async () => {
    const a = candidate('pod-a');
    await until(() => a.election.isLeader());
    expect(a.events.started).toHaveLength(1);
    const first = api.lease(NS, LEASE)!;
    expect(first.spec).toMatchObject({
      holderIdentity: 'pod-a',
      leaseDurationSeconds: 1,
      leaseTransitions: 0,
    });
    await sleep(500);
    const later = api.lease(NS, LEASE)!;
    expect(later.spec.renewTime! > first.spec.renewTime!).toBe(true);
    expect(later.spec.acquireTime).toBe(first.spec.acquireTime);
    // Every 0.1 s for half a second: a handful of renewals, not one and not hundreds.
    expect(writes('PUT').length).toBeGreaterThanOrEqual(3);
    expect(writes('PUT').length).toBeLessThanOrEqual(8);
    expect(a.events.errors).toEqual([]);
  });

  it('never leads without the right token, and reports the 401', async () => {
    const a = candidate('pod-a', { kubeConfig: staticKubeConfig({ server: api.url, token: 'stolen' }) });
    await until(() => a.events.errors.length >= 2);
    expect(a.election.isLeader()).toBe(false);
    expect(a.events.errors[0]).toBeInstanceOf(LeaseApiError);
    expect((a.events.errors[0] as LeaseApiError).status).toBe(401);
    expect(api.lease(NS, LEASE)).toBeUndefined();
  });

  it('refuses timings where the lease could expire before the leader gives up', () => {
    expect(() => validateLeaseTimings({ ...TIMINGS, renewDeadlineSeconds: 1 })).toThrow(
      /greater than renewDeadline/,
    );
    expect(() => validateLeaseTimings({ ...TIMINGS, retryPeriodSeconds: 0.5 })).toThrow(/1.2/);
    expect(() => validateLeaseTimings({ ...TIMINGS, leaseDurationSeconds: 1.5 })).toThrow(/whole number/);
    expect(() =>
      validateLeaseTimings({ leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 }),
    ).not.toThrow();
  });
});

describe('two candidates', () => {
  it('lets exactly one lead, and hands over at once when the leader stops gracefully', async () => {
    const a = candidate('pod-a');
    await until(() => a.election.isLeader());
    const b = candidate('pod-b');
    await neverTwoLeaders(a, b, 1_500);
    expect(b.events.started).toEqual([]);

    const stopAt = Date.now();
    const stopping = a.election.stop();
    const takenAt = await until(() => b.election.isLeader());
    await stopping;
    // Released: no waiting for the 1 s lease to expire.
    expect(takenAt - stopAt).toBeLessThan(500);
    expect(a.events.stopped).toEqual([{ at: expect.any(Number), reason: 'stopped' }]);
    // The old leader's work had stopped before the new one's began.
    expect(a.events.stopped[0]!.at).toBeLessThanOrEqual(b.events.started[0]!);
    expect(holder()).toBe('pod-b');
    expect(transitions()).toBe(1);
  });

  it('takes over from a leader that died without releasing only after the lease expires', async () => {
    const a = candidate('pod-a', { releaseOnStop: false });
    await until(() => a.election.isLeader());
    const b = candidate('pod-b');
    await sleep(300);
    const killedAt = Date.now();
    await a.election.stop();
    expect(holder()).toBe('pod-a');
    // A's clock is the test's: its last renewal was written no earlier than this.
    const lastRenewal = Date.parse(api.lease(NS, LEASE)!.spec.renewTime!);
    const takenAt = await until(() => b.election.isLeader());
    expect(takenAt - lastRenewal).toBeGreaterThanOrEqual(1_000);
    expect(takenAt - killedAt).toBeLessThan(1_600);
    expect(holder()).toBe('pod-b');
    expect(transitions()).toBe(1);
  });

  it('resolves a race to create the lease with a 409: one leader, the loser not reporting an error', async () => {
    api.gate('GET', 2);
    const a = candidate('pod-a');
    const b = candidate('pod-b');
    await until(() => a.election.isLeader() || b.election.isLeader());
    await neverTwoLeaders(a, b, 500);
    expect(
      writes('POST')
        .map((r) => r.outcome)
        .sort(),
    ).toEqual([201, 409]);
    const winner = a.election.isLeader() ? a : b;
    expect(holder()).toBe(winner.identity);
    expect([...a.events.errors, ...b.events.errors]).toEqual([]);
  });

  it('resolves a race to take a released lease with a 409 on the stale resourceVersion', async () => {
    api.seed(NS, LEASE, { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 4 });
    api.gate('GET', 2);
    api.gate('PUT', 2);
    const a = candidate('pod-a');
    const b = candidate('pod-b');
    await until(() => a.election.isLeader() || b.election.isLeader());
    await neverTwoLeaders(a, b, 500);
    const firstPuts = writes('PUT')
      .slice(0, 2)
      .map((r) => r.outcome);
    expect(firstPuts.sort()).toEqual([200, 409]);
    expect(transitions()).toBe(5);
  });

  it('counts every change of holder in leaseTransitions', async () => {
    const a = candidate('pod-a');
    await until(() => a.election.isLeader());
    expect(transitions()).toBe(0);
    const b = candidate('pod-b', { releaseOnStop: false });
    await a.election.stop(); // released: B takes over
    await until(() => b.election.isLeader());
    expect(transitions()).toBe(1);
    const a2 = candidate('pod-a');
    await b.election.stop(); // died: A takes over after expiry
    await until(() => a2.election.isLeader());
    expect(holder()).toBe('pod-a');
    expect(transitions()).toBe(2);
  });
});

describe('a leader that cannot renew', () => {
  it.each(['error', 'hang', 'reset'] as const)(
    'steps down within the renew deadline when the API server answers with %s, then leads again',
    async (fault) => {
      const a = candidate('pod-a');
      await until(() => a.election.isLeader());
      await sleep(250);
      const acquireTime = api.lease(NS, LEASE)!.spec.acquireTime;
      const faultAt = Date.now();
      api.setFault(fault);
      const downAt = await until(() => a.events.stopped.length > 0, 2_000);
      expect(a.events.stopped[0]!.reason).toBe('renew-deadline');
      expect(a.election.isLeader()).toBe(false);
      // Its last renewal (its clock is the test's) was sent just before this renewTime: it gave up
      // 0.6 s later, not at the first failure, and before the 1 s lease could expire for others.
      const lastRenewal = Date.parse(api.lease(NS, LEASE)!.spec.renewTime!);
      expect(downAt - lastRenewal).toBeGreaterThanOrEqual(450);
      expect(downAt - lastRenewal).toBeLessThan(1_000);
      expect(downAt - faultAt).toBeLessThan(900);

      api.setFault(null);
      await until(() => a.election.isLeader());
      expect(a.events.started).toHaveLength(2);
      // Still its own lease: a renewal, not a new term.
      expect(api.lease(NS, LEASE)!.spec).toMatchObject({
        holderIdentity: 'pod-a',
        leaseTransitions: 0,
        acquireTime,
      });
    },
  );

  it('steps down at once when it finds another holder on the lease', async () => {
    const a = candidate('pod-a');
    await until(() => a.election.isLeader());
    api.seed(NS, LEASE, { holderIdentity: 'intruder', leaseDurationSeconds: 60, leaseTransitions: 1 });
    await until(() => a.events.stopped.length > 0, 500);
    expect(a.events.stopped[0]!.reason).toBe('lease-lost');
  });
});

describe('clock skew', () => {
  /** Another pod holding the lease and renewing it every 200 ms, with its clock `skewMs` off. */
  function skewedHolder(skewMs: number) {
    let lastWriteAt = 0;
    const renew = () => {
      lastWriteAt = Date.now();
      api.seed(NS, LEASE, {
        holderIdentity: 'skewed',
        leaseDurationSeconds: 1,
        renewTime: new Date(lastWriteAt + skewMs).toISOString().replace('Z', '000Z'),
        leaseTransitions: 0,
      });
    };
    renew();
    const timer = setInterval(renew, 200);
    /** Stops renewing; answers when the last renewal was written. */
    return () => {
      clearInterval(timer);
      return lastWriteAt;
    };
  }

  it('never takes a lease that is being renewed, however old its renewTime looks', async () => {
    const stopRenewing = skewedHolder(-3_600_000);
    const a = candidate('pod-a');
    await sleep(2_000);
    stopRenewing();
    expect(a.events.started).toEqual([]);
    expect(holder()).toBe('skewed');
  });

  it('takes an abandoned lease one lease duration after it last changed, however new its renewTime looks', async () => {
    const stopRenewing = skewedHolder(3_600_000);
    const a = candidate('pod-a');
    await sleep(400);
    const lastWriteAt = stopRenewing();
    const takenAt = await until(() => a.election.isLeader());
    expect(takenAt - lastWriteAt).toBeGreaterThanOrEqual(1_000);
    expect(takenAt - lastWriteAt).toBeLessThan(1_800);
    expect(holder()).toBe('pod-a');
  });
});

describe('stop', () => {
  it('leaves the lease alone when it was not the leader, and can be called twice', async () => {
    const a = candidate('pod-a');
    await until(() => a.election.isLeader());
    const b = candidate('pod-b');
    await sleep(300);
    await Promise.all([b.election.stop(), b.election.stop()]);
    await sleep(200);
    expect(b.events.stopped).toEqual([]);
    // A wrong release would have emptied the lease and made A take it again as a new term.
    expect(api.lease(NS, LEASE)!.spec).toMatchObject({ holderIdentity: 'pod-a', leaseTransitions: 0 });
    expect(a.events.started).toHaveLength(1);
  });
});
