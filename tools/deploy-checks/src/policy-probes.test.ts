import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkProbes, preStopSleepSeconds } from './policy-probes.ts';
import { compliantRelease, mainContainer, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkProbes(release).map(formatFinding);
}

describe('checkProbes', () => {
  it('passes the compliant release', () => {
    expect(checkProbes(compliantRelease())).toEqual([]);
  });

  it('requires liveness and readiness probes on Deployments and StatefulSets', () => {
    const findings = findingsAfter((r) => {
      delete mainContainer(r, 'Deployment', 'worker').livenessProbe;
      delete mainContainer(r, 'StatefulSet', 'postgres').readinessProbe;
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-worker: container "worker": needs a livenessProbe [probes]',
      'StatefulSet/rel-elara-postgres: container "postgres": needs a readinessProbe [probes]',
    ]);
  });

  it('rejects a liveness probe that checks dependencies', () => {
    const findings = findingsAfter((r) => {
      mainContainer(r, 'Deployment', 'api').livenessProbe.httpGet.path = '/health/ready';
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-api: container "api": liveness and readiness both probe /health/ready; liveness must not check dependencies [probes]',
      'Deployment/rel-elara-api: container "api": livenessProbe must GET /health/live [probes]',
    ]);
  });

  it('requires the contract paths on app components but not on datastores', () => {
    const findings = findingsAfter((r) => {
      mainContainer(r, 'Deployment', 'scheduler').livenessProbe = { tcpSocket: { port: 'metrics' } };
      mainContainer(r, 'Deployment', 'scheduler').readinessProbe.httpGet.path = '/ready';
      mainContainer(r, 'StatefulSet', 'postgres').livenessProbe = { tcpSocket: { port: 5432 } };
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-scheduler: container "scheduler": livenessProbe must GET /health/live [probes]',
      'Deployment/rel-elara-scheduler: container "scheduler": readinessProbe must GET /health/ready [probes]',
    ]);
  });

  it('does not ask Jobs and test Pods for probes', () => {
    expect(findingsAfter((r) => delete mainContainer(r, 'Job', 'migrate').livenessProbe)).toEqual([]);
  });

  it('requires a preStop pause on app components', () => {
    const findings = findingsAfter((r) => delete mainContainer(r, 'Deployment', 'api').lifecycle);
    expect(findings).toEqual([
      'Deployment/rel-elara-api: container "api" needs a preStop pause [graceful-shutdown]',
    ]);
  });

  it('requires the grace period to outlast the preStop pause', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'Deployment', 'api').spec.template.spec.terminationGracePeriodSeconds = 10;
      delete pick(r, 'Deployment', 'scheduler').spec.template.spec.terminationGracePeriodSeconds;
      mainContainer(r, 'Deployment', 'scheduler').lifecycle.preStop = { sleep: { seconds: 30 } };
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-api: container "api" pauses 10s in preStop but terminationGracePeriodSeconds is 10 [graceful-shutdown]',
      'Deployment/rel-elara-scheduler: container "scheduler" pauses 30s in preStop but terminationGracePeriodSeconds is 30 [graceful-shutdown]',
    ]);
  });
});

describe('preStopSleepSeconds', () => {
  it.each<[string, object, number | undefined]>([
    ['the sleep action', { sleep: { seconds: 7 } }, 7],
    ['exec sleep', { exec: { command: ['sleep', '10'] } }, 10],
    ['exec /bin/sleep', { exec: { command: ['/bin/sleep', '12'] } }, 12],
    ['sh -c', { exec: { command: ['sh', '-c', 'echo bye; sleep 15'] } }, 15],
    ['an HTTP hook', { httpGet: { path: '/drain', port: 3000 } }, undefined],
    ['a command that merely mentions sleep', { exec: { command: ['nosleep', '5'] } }, undefined],
  ])('reads %s', (_name, preStop, seconds) => {
    expect(preStopSleepSeconds(preStop)).toBe(seconds);
  });
});
