import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkRbac } from './policy-rbac.ts';
import { compliantRelease, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkRbac(release).map(formatFinding);
}

const role = (r: KubeObject[]) => pick(r, 'Role', 'scheduler');
const binding = (r: KubeObject[]) => pick(r, 'RoleBinding', 'scheduler');

describe('checkRbac', () => {
  it('passes the compliant release', () => {
    expect(checkRbac(compliantRelease())).toEqual([]);
  });

  it('rejects cluster-wide RBAC', () => {
    const findings = findingsAfter((r) => {
      r.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'x' },
        rules: [],
      });
      r.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'y' },
      });
    });
    expect(findings).toEqual([
      'ClusterRole/x: cluster-wide RBAC is not allowed; use a namespaced Role [rbac]',
      'ClusterRoleBinding/y: cluster-wide RBAC is not allowed; use a namespaced Role [rbac]',
    ]);
  });

  it.each<[string, object, string]>([
    [
      'another group',
      { apiGroups: [''], resources: ['leases'], resourceNames: ['x'], verbs: ['get'] },
      'apiGroups must be [coordination.k8s.io]',
    ],
    [
      'secrets',
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases', 'secrets'],
        resourceNames: ['x'],
        verbs: ['get'],
      },
      'resources must be [leases]',
    ],
    [
      'every verb',
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['x'], verbs: ['*'] },
      'must not grant every verb',
    ],
    [
      'unnamed updates',
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'update', 'list'] },
      'update, list must be limited by resourceNames',
    ],
  ])('rejects a Role rule granting %s', (_name, rule, message) => {
    expect(findingsAfter((r) => role(r).rules.push(rule))).toEqual([
      `Role/rel-elara-scheduler: rule 2: ${message} [rbac]`,
    ]);
  });

  it('binds only the scheduler ServiceAccount, to a Role', () => {
    const findings = findingsAfter((r) => {
      binding(r).roleRef.kind = 'ClusterRole';
      binding(r).subjects.push(
        { kind: 'ServiceAccount', name: 'rel-elara-api' },
        { kind: 'ServiceAccount', name: 'default' },
      );
    });
    expect(findings).toEqual([
      'RoleBinding/rel-elara-scheduler: binds a ClusterRole; bind a namespaced Role [rbac]',
      `RoleBinding/rel-elara-scheduler: binds ServiceAccount "rel-elara-api", which is not the scheduler's own ServiceAccount [rbac]`,
      `RoleBinding/rel-elara-scheduler: binds ServiceAccount "default", which is not the scheduler's own ServiceAccount [rbac]`,
    ]);
  });

  it('rejects binding the default ServiceAccount even when the scheduler uses it', () => {
    const findings = findingsAfter((r) => {
      delete pick(r, 'Deployment', 'scheduler').spec.template.spec.serviceAccountName;
      binding(r).subjects[0].name = 'default';
    });
    expect(findings).toEqual([
      `RoleBinding/rel-elara-scheduler: binds ServiceAccount "default", which is not the scheduler's own ServiceAccount [rbac]`,
    ]);
  });

  it('requires other pods to run without a token, falling back to their ServiceAccount', () => {
    const findings = findingsAfter((r) => {
      delete pick(r, 'Deployment', 'api').spec.template.spec.automountServiceAccountToken; // its SA says false
      delete pick(r, 'Deployment', 'worker').spec.template.spec.automountServiceAccountToken;
      pick(r, 'ServiceAccount', 'worker').automountServiceAccountToken = true;
      delete pick(r, 'Job', 'migrate').spec.template.spec.automountServiceAccountToken; // default SA: mounts
    });
    expect(findings).toEqual([
      'Deployment/rel-elara-worker: mounts a ServiceAccount token; set automountServiceAccountToken: false [rbac]',
      'Job/rel-elara-migrate: mounts a ServiceAccount token; set automountServiceAccountToken: false [rbac]',
    ]);
  });
});
