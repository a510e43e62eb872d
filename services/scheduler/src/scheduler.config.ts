import { z } from 'zod';
import { logEnv, metricsEnv, parseEnv, redisEnv, telemetryEnv, threatFeedsEnv } from '@elara/config/env';
import { validateLeaseTimings } from '@elara/leader-election/lease';

/** A DNS-1123 subdomain: what Kubernetes accepts as a Lease or namespace name (and a pod name). */
const dnsName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a lowercase DNS name');

/**
 * Several scheduler replicas, one active: the holder of a Kubernetes Lease registers the schedules
 * and reports queue depth (`@elara/leader-election`). Off by default (one replica, no cluster).
 */
const leaderElectionEnv = z.object({
  LEADER_ELECTION_ENABLED: z.stringbool().default(false),
  LEADER_ELECTION_LEASE_NAME: dnsName.default('elara-scheduler'),
  /** The pod's namespace (the chart sets it from the downward API). */
  LEADER_ELECTION_NAMESPACE: dnsName.optional(),
  /** This replica's identity on the lease (the chart sets it from the downward API). */
  POD_NAME: dnsName.optional(),
  LEADER_ELECTION_LEASE_DURATION_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
  /** Fractions allowed (tests run sub-second). */
  LEADER_ELECTION_RENEW_DEADLINE_SECONDS: z.coerce.number().positive().max(3_600).default(10),
  LEADER_ELECTION_RETRY_PERIOD_SECONDS: z.coerce.number().positive().max(3_600).default(2),
});

type LeaderElectionEnv = z.output<typeof leaderElectionEnv>;

const ENV_NAMES: Record<string, string> = {
  leaseDurationSeconds: 'LEADER_ELECTION_LEASE_DURATION_SECONDS',
  renewDeadlineSeconds: 'LEADER_ELECTION_RENEW_DEADLINE_SECONDS',
  retryPeriodSeconds: 'LEADER_ELECTION_RETRY_PERIOD_SECONDS',
};

function timingsOf(env: LeaderElectionEnv) {
  return {
    leaseDurationSeconds: env.LEADER_ELECTION_LEASE_DURATION_SECONDS,
    renewDeadlineSeconds: env.LEADER_ELECTION_RENEW_DEADLINE_SECONDS,
    retryPeriodSeconds: env.LEADER_ELECTION_RETRY_PERIOD_SECONDS,
  };
}

/** When enabled: a namespace and an identity are needed, and timings that keep one leader at a time. */
function checkLeaderElection(env: LeaderElectionEnv, ctx: z.RefinementCtx): void {
  if (!env.LEADER_ELECTION_ENABLED) return;
  const required = 'required when LEADER_ELECTION_ENABLED is true (the chart sets it from the downward API)';
  if (!env.LEADER_ELECTION_NAMESPACE)
    ctx.addIssue({ code: 'custom', path: ['LEADER_ELECTION_NAMESPACE'], message: required });
  if (!env.POD_NAME) ctx.addIssue({ code: 'custom', path: ['POD_NAME'], message: required });
  try {
    validateLeaseTimings(timingsOf(env));
  } catch (error) {
    const message = (error as Error).message.replace(/\w+Seconds/g, (name) => ENV_NAMES[name] ?? name);
    ctx.addIssue({ code: 'custom', path: ['LEADER_ELECTION_RENEW_DEADLINE_SECONDS'], message });
  }
}

/** The lease to compete for, or null when this scheduler runs alone. */
function leaderElectionOf(env: LeaderElectionEnv) {
  if (!env.LEADER_ELECTION_ENABLED || !env.LEADER_ELECTION_NAMESPACE || !env.POD_NAME) return null;
  return {
    namespace: env.LEADER_ELECTION_NAMESPACE,
    leaseName: env.LEADER_ELECTION_LEASE_NAME,
    identity: env.POD_NAME,
    ...timingsOf(env),
  };
}

const schedulerEnv = logEnv
  .extend(redisEnv.shape)
  .extend(telemetryEnv.shape)
  .extend(threatFeedsEnv.pick({ THREAT_FEED_REFRESH_MINUTES: true }).shape)
  .extend(metricsEnv(9466).shape)
  .extend(leaderElectionEnv.shape)
  .extend({
    RELAY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
  })
  .superRefine(checkLeaderElection)
  .transform((env) => ({ ...env, leaderElection: leaderElectionOf(env) }));

export type SchedulerConfig = ReturnType<typeof loadSchedulerConfig>;
export type LeaderElectionConfig = NonNullable<SchedulerConfig['leaderElection']>;

export function loadSchedulerConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(schedulerEnv, env);
}
