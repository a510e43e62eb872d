import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfig, V1Lease } from '@kubernetes/client-node';
import { createLeaseClient, LeaseApiError, type LeaseClient } from './lease-client.ts';
import { claimSpec, recordOf, releaseSpec, sameRecord, type LeaderRecord } from './lease-record.ts';

export { LeaseApiError } from './lease-client.ts';

/** Why leadership ended: renewals failed for renewDeadline, another holder took the lease, or stop(). */
export type StopReason = 'renew-deadline' | 'lease-lost' | 'stopped';

export interface LeaseTimings {
  /** How long a holder's lease lasts without renewal, as candidates see it (whole seconds). */
  leaseDurationSeconds: number;
  /** A leader that has not renewed for this long gives up, before the lease can expire for others. */
  renewDeadlineSeconds: number;
  /** Time between renewals, and between tries of a candidate (the latter with up to 20 % jitter). */
  retryPeriodSeconds: number;
}

export interface LeaseLeaderElectionOptions extends LeaseTimings {
  kubeConfig: KubeConfig;
  namespace: string;
  leaseName: string;
  /** This candidate's name in `holderIdentity`, unique among candidates (the pod name). */
  identity: string;
  /** Hand the lease back on stop() so another candidate takes over at once (default true). */
  releaseOnStop?: boolean;
  /** Called on becoming leader; `signal` aborts when leadership ends. */
  onStartedLeading: (signal: AbortSignal) => void | Promise<void>;
  /** Called (and awaited) when leadership ends, before the lease is retried or released. */
  onStoppedLeading: (reason: StopReason) => void | Promise<void>;
  /** Called when the holder seen on the lease changes ('' when it was released). */
  onNewLeader?: (identity: string) => void;
  /** Failed Lease API calls (a lost 409 race is not reported) and callback errors. */
  onError?: (error: Error) => void;
}

/** client-go's JitterFactor: a candidate waits retryPeriod × (1 + up to 0.2) between tries. */
const JITTER = 0.2;

/** client-go's rules: the lease outlives the renew deadline, which leaves room for a jittered retry. */
export function validateLeaseTimings(t: LeaseTimings): void {
  if (!Number.isInteger(t.leaseDurationSeconds) || t.leaseDurationSeconds < 1)
    throw new Error('leaseDurationSeconds must be a whole number of seconds, at least 1');
  if (!(t.retryPeriodSeconds > 0)) throw new Error('retryPeriodSeconds must be greater than 0');
  if (!(t.leaseDurationSeconds > t.renewDeadlineSeconds))
    throw new Error('leaseDurationSeconds must be greater than renewDeadlineSeconds');
  if (!(t.renewDeadlineSeconds > t.retryPeriodSeconds * (1 + JITTER)))
    throw new Error('renewDeadlineSeconds must be greater than 1.2 × retryPeriodSeconds');
}

type Attempt = 'held' | 'busy' | 'failed';

interface Observation {
  lease: V1Lease;
  record: LeaderRecord;
  /** Local monotonic time (ms) the record was first seen with its current content. */
  seenAt: number;
}

interface Term {
  controller: AbortController;
  /** Local monotonic time (ms) the last successful renewal was sent: the deadline counts from it. */
  renewedAt: number;
}

const monotonicNow = () => performance.now();

/**
 * Leader election on a `coordination.k8s.io/v1` Lease, with client-go's semantics. A candidate
 * takes the lease when it is absent, released, already its own, or expired; expiry is judged by
 * the local time the candidate last saw the record change, never by the holder's clock. A leader
 * renews every retryPeriod and steps down once renewDeadline passes without a successful renewal,
 * which is before the lease can expire for anyone else. It keeps trying to lead until stopped.
 */
export function createLeaseLeaderElection(options: LeaseLeaderElectionOptions) {
  validateLeaseTimings(options);
  const { identity, leaseDurationSeconds, releaseOnStop = true } = options;
  const renewDeadlineMs = options.renewDeadlineSeconds * 1_000;
  const retryMs = options.retryPeriodSeconds * 1_000;
  const client: LeaseClient = createLeaseClient(options.kubeConfig, {
    namespace: options.namespace,
    name: options.leaseName,
  });
  const stopping = new AbortController();
  let observed: Observation | null = null;
  let term: Term | null = null;
  let loop: Promise<void> | null = null;
  let stopped: Promise<void> | null = null;

  /** Never throws: a failing error handler must not stop the election loop. */
  const report = (error: unknown) => {
    try {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // nothing left to tell
    }
  };

  /** Remembers the lease; `seenAt` moves only when the record changed (client-go's observedTime). */
  function observe(lease: V1Lease): Observation {
    const record = recordOf(lease);
    if (observed && sameRecord(observed.record, record)) {
      observed = { ...observed, lease };
      return observed;
    }
    if (observed?.record.holderIdentity !== record.holderIdentity)
      options.onNewLeader?.(record.holderIdentity);
    observed = { lease, record, seenAt: monotonicNow() };
    return observed;
  }

  /** One read and, unless another holder's lease is still valid, one write (client-go's tryAcquireOrRenew). */
  async function tryAcquireOrRenew(signal: AbortSignal): Promise<Attempt> {
    const lease = await client.get(signal);
    if (!lease) {
      const spec = claimSpec(null, identity, leaseDurationSeconds, new Date());
      const body = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: options.leaseName },
        spec,
      };
      observe(await client.create(body, signal));
      return 'held';
    }
    const { record, seenAt } = observe(lease);
    const expiresAt = seenAt + record.leaseDurationSeconds * 1_000;
    if (record.holderIdentity && record.holderIdentity !== identity && expiresAt > monotonicNow())
      return 'busy';
    observe(
      await client.replace(
        { ...lease, spec: claimSpec(record, identity, leaseDurationSeconds, new Date()) },
        signal,
      ),
    );
    return 'held';
  }

  async function attempt(signal: AbortSignal): Promise<Attempt> {
    try {
      return await tryAcquireOrRenew(signal);
    } catch (error) {
      // A 409 means another candidate wrote first: the next read shows who.
      if (!(error instanceof LeaseApiError && error.status === 409) && !stopping.signal.aborted)
        report(error);
      return 'failed';
    }
  }

  function startTerm(renewedAt: number): void {
    const controller = new AbortController();
    term = { controller, renewedAt };
    Promise.resolve()
      .then(() => options.onStartedLeading(controller.signal))
      .catch(report);
  }

  async function endTerm(reason: StopReason): Promise<void> {
    if (!term) return;
    term.controller.abort();
    term = null;
    try {
      await options.onStoppedLeading(reason);
    } catch (error) {
      report(error);
    }
  }

  function nextDelay(): number {
    if (!term) return retryMs * (1 + Math.random() * JITTER);
    return Math.max(0, Math.min(retryMs, term.renewedAt + renewDeadlineMs - monotonicNow()));
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      const startedAt = monotonicNow();
      if (term && startedAt >= term.renewedAt + renewDeadlineMs) {
        await endTerm('renew-deadline');
        continue;
      }
      // A renewal may take only what is left before the deadline; a hung request must not hold a leader.
      const budget = term ? term.renewedAt + renewDeadlineMs - startedAt : renewDeadlineMs;
      const timeout = AbortSignal.timeout(Math.max(1, Math.ceil(budget)));
      const outcome = await attempt(AbortSignal.any([stopping.signal, timeout]));
      if (stopping.signal.aborted) break;
      if (outcome === 'held' && term) term.renewedAt = startedAt;
      else if (outcome === 'held') startTerm(startedAt);
      else if (outcome === 'busy' && term) await endTerm('lease-lost');
      await sleep(nextDelay(), undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  }

  /** Hands the lease back if it still names us, with a fresh read so a late renewal cannot make it 409. */
  async function release(): Promise<void> {
    const signal = AbortSignal.timeout(renewDeadlineMs);
    try {
      const lease = await client.get(signal);
      if (!lease || recordOf(lease).holderIdentity !== identity) return;
      observe(await client.replace({ ...lease, spec: releaseSpec(recordOf(lease), new Date()) }, signal));
    } catch (error) {
      report(error);
    }
  }

  return {
    /** Starts competing for the lease in the background. */
    start(): void {
      if (loop || stopping.signal.aborted) return;
      loop = run();
    },
    /**
     * Stops competing: ends the term (awaiting onStoppedLeading) and only then releases the lease,
     * so the next leader never overlaps this one's work.
     */
    stop(): Promise<void> {
      stopped ??= (async () => {
        stopping.abort();
        await loop;
        await endTerm('stopped');
        if (releaseOnStop && observed?.record.holderIdentity === identity) await release();
      })();
      return stopped;
    },
    /** True while this candidate holds the lease and its renew deadline has not passed. */
    isLeader(): boolean {
      return term !== null && monotonicNow() < term.renewedAt + renewDeadlineMs;
    },
  };
}

export type LeaseLeaderElection = ReturnType<typeof createLeaseLeaderElection>;
