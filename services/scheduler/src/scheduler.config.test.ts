import { describe, expect, it } from 'vitest';
import { loadSchedulerConfig } from './scheduler.config.ts';

const enabled = {
  LEADER_ELECTION_ENABLED: 'true',
  LEADER_ELECTION_NAMESPACE: 'elara',
  POD_NAME: 'elara-scheduler-7d9c6b5f4-x2x9q',
};

describe('scheduler leader-election config', () => {
  it('is off by default: no lease, whatever else is set', () => {
    expect(loadSchedulerConfig({}).leaderElection).toBeNull();
    expect(
      loadSchedulerConfig({ LEADER_ELECTION_ENABLED: 'false', POD_NAME: 'x' }).leaderElection,
    ).toBeNull();
  });

  it('derives the lease and the contract defaults (15 s / 10 s / 2 s) when enabled', () => {
    expect(loadSchedulerConfig(enabled).leaderElection).toEqual({
      namespace: 'elara',
      leaseName: 'elara-scheduler',
      identity: 'elara-scheduler-7d9c6b5f4-x2x9q',
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      retryPeriodSeconds: 2,
    });
  });

  it('requires the namespace and the pod name when enabled, naming both', () => {
    expect(() => loadSchedulerConfig({ LEADER_ELECTION_ENABLED: 'true' })).toThrow(
      /LEADER_ELECTION_NAMESPACE: required when LEADER_ELECTION_ENABLED.*POD_NAME: required/,
    );
  });

  it('refuses timings that could give two leaders, naming the variables', () => {
    expect(() => loadSchedulerConfig({ ...enabled, LEADER_ELECTION_RENEW_DEADLINE_SECONDS: '15' })).toThrow(
      /LEADER_ELECTION_LEASE_DURATION_SECONDS must be greater than LEADER_ELECTION_RENEW_DEADLINE_SECONDS/,
    );
    expect(() => loadSchedulerConfig({ ...enabled, LEADER_ELECTION_RETRY_PERIOD_SECONDS: '9' })).toThrow(
      /LEADER_ELECTION_RENEW_DEADLINE_SECONDS must be greater than 1.2 × LEADER_ELECTION_RETRY_PERIOD_SECONDS/,
    );
    expect(() => loadSchedulerConfig({ ...enabled, LEADER_ELECTION_LEASE_DURATION_SECONDS: '1.5' })).toThrow(
      /LEADER_ELECTION_LEASE_DURATION_SECONDS/,
    );
  });

  it('refuses a lease or namespace name Kubernetes would not accept', () => {
    expect(() => loadSchedulerConfig({ ...enabled, LEADER_ELECTION_LEASE_NAME: 'Elara_Scheduler' })).toThrow(
      /LEADER_ELECTION_LEASE_NAME: must be a lowercase DNS name/,
    );
  });
});
