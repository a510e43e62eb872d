import { inClusterKubeConfig, type KubeConfig } from '@elara/leader-election/kube-config';
import { createLeaseLeaderElection } from '@elara/leader-election/lease';
import type { Logger } from '@elara/logger/logger';
import type { ProbeChecks } from '@elara/metrics/server';
import type { Redis } from 'ioredis';
import { createLeaderDuties } from './leader-duties.ts';
import { startQueueMetrics, type QueueMetrics } from './queue-metrics.ts';
import type { LeaderElectionConfig, SchedulerConfig } from './scheduler.config.ts';
import { registerSchedules } from './schedules.ts';

export interface SchedulerInput {
  config: SchedulerConfig;
  /** Shared by the schedules and the queue metrics; the caller closes it after `close()`. */
  redis: Redis;
  logger: Logger;
  /** The Lease API's address and credentials; default: the pod's ServiceAccount (in-cluster). */
  kubeConfig?: KubeConfig;
  /** Kubernetes probes served on the metrics port. */
  probes?: ProbeChecks;
}

export interface RunningScheduler {
  /** Where Prometheus scrapes this process, or null when `METRICS_PORT` is 0. */
  metricsUrl: string | null;
  /** True while this replica registers the schedules and reports queue depth (always when alone). */
  isActive(): boolean;
  /** Stops the active work, then releases the lease, then closes the metrics server. */
  close(): Promise<void>;
}

/** Alone (leader election off): register at start, as a single replica always did. */
async function startAlone(
  input: SchedulerInput,
  queueMetrics: QueueMetrics | null,
): Promise<RunningScheduler> {
  const { config, redis, logger } = input;
  const closeSchedules = await registerSchedules(config, redis);
  logger.info({ relayEverySeconds: config.RELAY_INTERVAL_SECONDS }, 'schedules registered');
  return {
    metricsUrl: queueMetrics?.url ?? null,
    isActive: () => true,
    async close() {
      await closeSchedules();
      await queueMetrics?.close();
    },
  };
}

/** One of several replicas: only the Lease holder works; the others wait to take over. */
function startElected(
  input: SchedulerInput,
  election: LeaderElectionConfig & { kubeConfig: KubeConfig },
  queueMetrics: QueueMetrics | null,
): RunningScheduler {
  const { config, redis, logger } = input;
  const duties = createLeaderDuties({
    config,
    redis,
    logger,
    queueMetrics,
    retryMs: election.retryPeriodSeconds * 1_000,
  });
  const elector = createLeaseLeaderElection({
    ...election,
    onStartedLeading: (signal) => duties.start(signal),
    onStoppedLeading: (reason) => duties.stop(reason),
    onNewLeader: (holder) =>
      logger.info({ holder: holder || null, self: election.identity }, 'lease holder changed'),
    onError: (error) => logger.warn({ err: error }, 'leader election: lease call failed'),
  });
  logger.info(
    { lease: `${election.namespace}/${election.leaseName}`, identity: election.identity },
    'competing for the scheduler lease',
  );
  elector.start();
  return {
    metricsUrl: queueMetrics?.url ?? null,
    isActive: () => elector.isLeader(),
    async close() {
      await elector.stop();
      await queueMetrics?.close();
    },
  };
}

/**
 * The scheduler: its `/metrics` (and probes) always; the schedules and queue depth only where it is
 * active, which with `LEADER_ELECTION_ENABLED` means while it holds the Lease.
 */
export async function startScheduler(input: SchedulerInput): Promise<RunningScheduler> {
  const lease = input.config.leaderElection;
  // Before anything listens: outside a pod this throws at once.
  const election = lease && { ...lease, kubeConfig: input.kubeConfig ?? inClusterKubeConfig() };
  const queueMetrics = await startQueueMetrics(input.config, input.redis, input.logger, {
    active: election === null,
    ...(input.probes ? { probes: input.probes } : {}),
  });
  return election ? startElected(input, election, queueMetrics) : startAlone(input, queueMetrics);
}
