import { describe, expect, it } from 'vitest';
import { checkManifestPolicy, formatFinding, POLICY_RULES } from './manifest-policy.ts';
import { compliantRelease, mainContainer, pick } from './policy.fixtures.ts';

describe('checkManifestPolicy', () => {
  it('finds nothing in a compliant release', () => {
    expect(checkManifestPolicy(compliantRelease())).toEqual([]);
  });

  it('runs every rule', () => {
    const release = compliantRelease();
    mainContainer(release, 'Deployment', 'api').image = 'elara-api:latest';
    delete mainContainer(release, 'Deployment', 'worker').readinessProbe;
    pick(release, 'PodDisruptionBudget', 'api').spec.unhealthyPodEvictionPolicy = 'IfHealthyBudget';
    pick(release, 'HorizontalPodAutoscaler', 'api').spec.scaleTargetRef.name = 'gone';
    pick(release, 'NetworkPolicy', 'default-deny').spec.policyTypes = ['Ingress'];
    pick(release, 'Role', 'scheduler').rules[0].resources = ['secrets'];
    pick(release, 'Service', 'api').spec.selector = { app: 'nothing' };
    const rules = new Set(checkManifestPolicy(release).map((f) => f.rule));
    expect([...rules].sort()).toEqual([
      'autoscaling',
      'disruption-budget',
      'image-pinned',
      'network-policy',
      'probes',
      'rbac',
      'service-wiring',
    ]);
    expect(Object.keys(POLICY_RULES)).toHaveLength(7);
  });

  it('formats findings as ref, message and rule', () => {
    expect(formatFinding({ rule: 'rbac', ref: 'Role/x', message: 'too broad' })).toBe(
      'Role/x: too broad [rbac]',
    );
  });
});
