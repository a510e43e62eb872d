import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkAutoscaling } from './policy-autoscaling.ts';
import { compliantRelease, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkAutoscaling(release).map(formatFinding);
}

describe('checkAutoscaling', () => {
  it('passes the compliant release', () => {
    expect(checkAutoscaling(compliantRelease())).toEqual([]);
  });

  it('flags an HPA whose target is not rendered', () => {
    const findings = findingsAfter(
      (r) => (pick(r, 'HorizontalPodAutoscaler', 'api').spec.scaleTargetRef.name = 'rel-api'),
    );
    expect(findings).toEqual([
      'HorizontalPodAutoscaler/rel-elara-api: targets Deployment/rel-api, which is not rendered [autoscaling]',
    ]);
  });

  it('flags an autoscaler that targets another component', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'ScaledObject', 'worker').spec.scaleTargetRef.name = 'rel-elara-scheduler';
      delete pick(r, 'Deployment', 'scheduler').spec.replicas;
    });
    expect(findings).toEqual([
      'ScaledObject/rel-elara-worker: is for the worker but targets the scheduler Deployment [autoscaling]',
    ]);
  });

  it('flags an HPA that targets a StatefulSet', () => {
    const findings = findingsAfter(
      (r) => (pick(r, 'HorizontalPodAutoscaler', 'api').spec.scaleTargetRef.kind = 'StatefulSet'),
    );
    expect(findings).toEqual([
      'HorizontalPodAutoscaler/rel-elara-api: targets a StatefulSet, not a Deployment [autoscaling]',
    ]);
  });

  it('flags an autoscaler without a component label, since its target cannot be judged', () => {
    const findings = findingsAfter((r) => delete pick(r, 'HorizontalPodAutoscaler', 'api').metadata.labels);
    expect(findings).toEqual([
      'HorizontalPodAutoscaler/rel-elara-api: has no app.kubernetes.io/component label [autoscaling]',
    ]);
  });

  it('flags an HPA and a ScaledObject on the same Deployment', () => {
    const findings = findingsAfter((r) => {
      const hpa = pick(r, 'HorizontalPodAutoscaler', 'api');
      hpa.spec.scaleTargetRef.name = 'rel-elara-worker';
      hpa.metadata.labels['app.kubernetes.io/component'] = 'worker';
      pick(r, 'Deployment', 'api').spec.replicas = 2;
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-worker: is scaled by HorizontalPodAutoscaler/rel-elara-api and ScaledObject/rel-elara-worker; keep one [autoscaling]',
    ]);
  });

  it('flags an autoscaled Deployment that still sets replicas', () => {
    const findings = findingsAfter((r) => (pick(r, 'Deployment', 'api').spec.replicas = 3));
    expect(findings).toEqual([
      'Deployment/rel-elara-api: is autoscaled by HorizontalPodAutoscaler/rel-elara-api but sets replicas [autoscaling]',
    ]);
  });

  it('flags min above max, with KEDA defaults applied', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'HorizontalPodAutoscaler', 'api').spec.minReplicas = 11;
      const scaled = pick(r, 'ScaledObject', 'worker').spec;
      delete scaled.maxReplicaCount;
      scaled.minReplicaCount = 101;
    });
    expect(findings).toEqual([
      'HorizontalPodAutoscaler/rel-elara-api: min replicas 11 exceed max 10 [autoscaling]',
      'ScaledObject/rel-elara-worker: min replicas 101 exceed max 100 [autoscaling]',
    ]);
  });
});
