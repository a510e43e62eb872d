import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {
  ofKind,
  podTemplatesOf,
  refOf,
  selectorMatches,
  type KubeObject,
  type LabelSelector,
  type PodTemplate,
} from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

type NetworkPolicy = INetworkPolicy & KubeObject;

/**
 * When the chart renders NetworkPolicies at all: one default-deny policy (empty podSelector, both
 * policyTypes, no rules) closes everything, and every pod template (Deployments, StatefulSets, Jobs,
 * test Pods) is selected by at least one policy written for some of the release's pods, so each
 * component states what it needs. A policy that selects every pod (an empty podSelector, or the
 * release-wide DNS egress) does not count as coverage; a policy that selects no pod is a label typo.
 */
export function checkNetworkPolicies(objects: KubeObject[]): Finding[] {
  const policies = ofKind(objects, 'NetworkPolicy') as NetworkPolicy[];
  if (policies.length === 0) return [];
  const templates = podTemplatesOf(objects);
  const selectedBy = (policy: NetworkPolicy) =>
    templates.filter((t) => selectorMatches(policy.spec?.podSelector as LabelSelector, t.labels));
  const findings: Finding[] = [];
  if (!policies.some(isDefaultDeny)) {
    findings.push(finding('release', 'NetworkPolicies are rendered but none denies all ingress and egress'));
  }
  const covered = new Set<PodTemplate>();
  for (const policy of policies.filter((p) => !isDefaultDeny(p))) {
    const selected = selectedBy(policy);
    if (selected.length === 0)
      findings.push(finding(refOf(policy), 'podSelector selects no pod in the release'));
    const releaseWide = selected.length === templates.length && templates.length > 1;
    if (!releaseWide) selected.forEach((template) => covered.add(template));
  }
  for (const template of templates.filter((t) => !covered.has(t))) {
    findings.push(finding(template.ref, 'no NetworkPolicy selects its pods specifically'));
  }
  return findings;
}

export function isDefaultDeny(policy: NetworkPolicy): boolean {
  const spec = policy.spec;
  if (!spec || !isEmptySelector(spec.podSelector as LabelSelector)) return false;
  const types = spec.policyTypes ?? [];
  const noRules = (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
  return types.includes('Ingress') && types.includes('Egress') && noRules;
}

function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0
  );
}

function finding(ref: string, message: string): Finding {
  return { rule: 'network-policy', ref, message };
}
