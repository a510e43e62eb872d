import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkDisruptionBudgets } from './policy-disruption.ts';
import { compliantRelease, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkDisruptionBudgets(release).map(formatFinding);
}

const withoutPdb = (component: string) => (r: KubeObject[]) => {
  r.splice(r.indexOf(pick(r, 'PodDisruptionBudget', component)), 1);
};

describe('checkDisruptionBudgets', () => {
  it('passes the compliant release', () => {
    expect(checkDisruptionBudgets(compliantRelease())).toEqual([]);
  });

  it('requires a PDB for a Deployment with several replicas', () => {
    expect(findingsAfter(withoutPdb('scheduler'))).toEqual([
      'Deployment/rel-elara-scheduler: has more than one pod (or an autoscaler) but no PodDisruptionBudget [disruption-budget]',
    ]);
  });

  it('requires a PDB for an autoscaled Deployment', () => {
    expect(findingsAfter(withoutPdb('worker'))).toEqual([
      'Deployment/rel-elara-worker: has more than one pod (or an autoscaler) but no PodDisruptionBudget [disruption-budget]',
    ]);
  });

  it('does not require a PDB for a single replica', () => {
    const findings = findingsAfter((r) => {
      withoutPdb('scheduler')(r);
      pick(r, 'Deployment', 'scheduler').spec.replicas = 1;
    });
    expect(findings).toEqual([]);
  });

  it('flags a PDB whose selector misses its pods', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'PodDisruptionBudget', 'scheduler').spec.selector.matchLabels['app.kubernetes.io/component'] =
        'sched';
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-scheduler: has more than one pod (or an autoscaler) but no PodDisruptionBudget [disruption-budget]',
      'PodDisruptionBudget/rel-elara-scheduler: selects no pods [disruption-budget]',
    ]);
  });

  it.each<[string, number | string, string]>([
    ['scheduler', 2, 'minAvailable 2 leaves no pod of Deployment/rel-elara-scheduler evictable (at 2)'],
    [
      'scheduler',
      '100%',
      'minAvailable 100% leaves no pod of Deployment/rel-elara-scheduler evictable (at 2)',
    ],
    ['api', 2, 'minAvailable 2 leaves no pod of Deployment/rel-elara-api evictable (at 2)'],
  ])('flags the %s PDB with minAvailable %s', (component, minAvailable, message) => {
    const findings = findingsAfter((r) => {
      const spec = pick(r, 'PodDisruptionBudget', component).spec;
      delete spec.maxUnavailable;
      spec.minAvailable = minAvailable;
    });
    expect(findings).toEqual([`PodDisruptionBudget/rel-elara-${component}: ${message} [disruption-budget]`]);
  });

  it('accepts minAvailable below the autoscaler minimum', () => {
    const findings = findingsAfter((r) => {
      const spec = pick(r, 'PodDisruptionBudget', 'api').spec;
      delete spec.maxUnavailable;
      spec.minAvailable = '50%';
    });
    expect(findings).toEqual([]);
  });

  it('flags maxUnavailable 0 and a missing AlwaysAllow', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'PodDisruptionBudget', 'worker').spec.maxUnavailable = '0%';
      delete pick(r, 'PodDisruptionBudget', 'api').spec.unhealthyPodEvictionPolicy;
    });
    expect(findings).toEqual([
      'PodDisruptionBudget/rel-elara-api: unhealthyPodEvictionPolicy must be AlwaysAllow [disruption-budget]',
      'PodDisruptionBudget/rel-elara-worker: maxUnavailable 0 blocks every voluntary eviction [disruption-budget]',
    ]);
  });
});
