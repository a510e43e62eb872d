import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ofKind, podTemplatesOf, refOf, type KubeObject, type PodTemplate } from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

/** The one component that talks to the Kubernetes API: it holds the leader-election Lease. */
const API_CLIENT_COMPONENT = 'scheduler';
const LEASE_GROUP = 'coordination.k8s.io';
const LEASE_RESOURCE = 'leases';
/** `create` cannot be limited by resourceNames (the object has no name yet); every other verb must be. */
const UNNAMEABLE_VERBS = ['create'];

/**
 * Least privilege: no cluster-wide RBAC; Roles grant only coordination.k8s.io leases, by name where
 * possible; only the scheduler's own ServiceAccount is bound; every other pod runs without a token.
 */
export function checkRbac(objects: KubeObject[]): Finding[] {
  const templates = podTemplatesOf(objects);
  const schedulerAccounts = new Set(
    templates.filter((t) => t.component === API_CLIENT_COMPONENT).map(serviceAccountOf),
  );
  return [
    ...[...ofKind(objects, 'ClusterRole'), ...ofKind(objects, 'ClusterRoleBinding')].map((o) =>
      finding(refOf(o), 'cluster-wide RBAC is not allowed; use a namespaced Role'),
    ),
    ...ofKind(objects, 'Role').flatMap(roleProblems),
    ...ofKind(objects, 'RoleBinding').flatMap((b) => bindingProblems(b, schedulerAccounts)),
    ...templates
      .filter((t) => t.component !== API_CLIENT_COMPONENT)
      .flatMap((t) => tokenProblems(t, objects)),
  ];
}

function roleProblems(role: KubeObject): Finding[] {
  const rules = (role as unknown as IRole).rules ?? [];
  const problems = rules.flatMap((rule, i) => {
    const found: string[] = [];
    const groups = rule.apiGroups ?? [];
    const resources = rule.resources ?? [];
    if (groups.length !== 1 || groups[0] !== LEASE_GROUP) found.push(`apiGroups must be [${LEASE_GROUP}]`);
    if (resources.length !== 1 || resources[0] !== LEASE_RESOURCE)
      found.push(`resources must be [${LEASE_RESOURCE}]`);
    if (rule.nonResourceURLs?.length) found.push('must not grant nonResourceURLs');
    if (rule.verbs.includes('*')) found.push('must not grant every verb');
    const unnamed = rule.verbs.filter((v) => !UNNAMEABLE_VERBS.includes(v) && !rule.resourceNames?.length);
    if (unnamed.length > 0) found.push(`${unnamed.join(', ')} must be limited by resourceNames`);
    return found.map((problem) => `rule ${i}: ${problem}`);
  });
  return problems.map((problem) => finding(refOf(role), problem));
}

function bindingProblems(binding: KubeObject, schedulerAccounts: Set<string>): Finding[] {
  const { roleRef, subjects = [] } = binding as unknown as IRoleBinding;
  const problems: string[] = [];
  if (roleRef.kind !== 'Role') problems.push(`binds a ${roleRef.kind}; bind a namespaced Role`);
  if (subjects.length === 0) problems.push('has no subjects');
  for (const subject of subjects) {
    const isScheduler = subject.kind === 'ServiceAccount' && schedulerAccounts.has(subject.name);
    if (!isScheduler || subject.name === 'default') {
      problems.push(
        `binds ${subject.kind} "${subject.name}", which is not the scheduler's own ServiceAccount`,
      );
    }
  }
  return problems.map((problem) => finding(refOf(binding), problem));
}

function serviceAccountOf(template: PodTemplate): string {
  return template.spec.serviceAccountName ?? 'default';
}

/** The pod's own setting wins; otherwise its ServiceAccount's; Kubernetes defaults to mounting. */
function tokenProblems(template: PodTemplate, objects: KubeObject[]): Finding[] {
  const account = ofKind(objects, 'ServiceAccount').find(
    (sa) => sa.metadata.name === serviceAccountOf(template),
  );
  const fromAccount = account?.automountServiceAccountToken as boolean | undefined;
  const mounted = template.spec.automountServiceAccountToken ?? fromAccount ?? true;
  return mounted
    ? [finding(template.ref, 'mounts a ServiceAccount token; set automountServiceAccountToken: false')]
    : [];
}

function finding(ref: string, message: string): Finding {
  return { rule: 'rbac', ref, message };
}
