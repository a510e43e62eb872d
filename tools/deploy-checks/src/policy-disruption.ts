import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { autoscalersFor, autoscalersOf, type Autoscaler } from './policy-autoscaling.ts';
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

const REPLICATED_KINDS = ['Deployment', 'StatefulSet'];

/**
 * Node drains must neither take a replicated Deployment down at once nor hang forever: every
 * Deployment with more than one replica or an autoscaler has a PDB selecting its pods; no PDB demands
 * as many pods as there can be (minAvailable ≥ replicas, or ≥ the autoscaler's minimum, or
 * maxUnavailable 0 blocks every eviction); and PDBs let unhealthy pods be evicted (AlwaysAllow), so a
 * crash-looping pod cannot stall a drain.
 */
export function checkDisruptionBudgets(objects: KubeObject[]): Finding[] {
  const autoscalers = autoscalersOf(objects);
  const templates = podTemplatesOf(objects).filter((t) => REPLICATED_KINDS.includes(t.owner.kind));
  const pdbs = ofKind(objects, 'PodDisruptionBudget') as unknown as (IPodDisruptionBudget & KubeObject)[];
  const findings: Finding[] = [];
  for (const template of templates.filter((t) => t.owner.kind === 'Deployment')) {
    const scaled = autoscalersFor(autoscalers, template.owner).length > 0;
    const covered = pdbs.some((pdb) => selectorMatches(pdb.spec?.selector as LabelSelector, template.labels));
    if ((replicasOf(template) > 1 || scaled) && !covered) {
      findings.push(
        finding(template.ref, 'has more than one pod (or an autoscaler) but no PodDisruptionBudget'),
      );
    }
  }
  for (const pdb of pdbs) findings.push(...budgetProblems(pdb, templates, autoscalers));
  return findings;
}

function budgetProblems(
  pdb: IPodDisruptionBudget & KubeObject,
  templates: PodTemplate[],
  autoscalers: Autoscaler[],
): Finding[] {
  const ref = refOf(pdb);
  const spec = pdb.spec ?? {};
  const problems: string[] = [];
  if (spec.unhealthyPodEvictionPolicy !== 'AlwaysAllow')
    problems.push('unhealthyPodEvictionPolicy must be AlwaysAllow');
  if (spec.maxUnavailable !== undefined && parseInt(String(spec.maxUnavailable), 10) === 0) {
    problems.push('maxUnavailable 0 blocks every voluntary eviction');
  }
  const selected = templates.filter((t) => selectorMatches(spec.selector as LabelSelector, t.labels));
  if (selected.length === 0) problems.push('selects no pods');
  for (const template of selected) {
    const drivers = autoscalersFor(autoscalers, template.owner);
    const floor = drivers.length > 0 ? Math.min(...drivers.map((d) => d.minReplicas)) : replicasOf(template);
    const required = requiredPods(spec.minAvailable, floor);
    if (floor > 0 && required !== undefined && required >= floor) {
      problems.push(
        `minAvailable ${spec.minAvailable} leaves no pod of ${template.ref} evictable (at ${floor})`,
      );
    }
  }
  return problems.map((message) => finding(ref, message));
}

function replicasOf(template: PodTemplate): number {
  return (template.owner.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

/** minAvailable as a pod count for `pods` replicas (percentages round up, as the API server does). */
function requiredPods(minAvailable: number | string | undefined, pods: number): number | undefined {
  if (minAvailable === undefined) return undefined;
  if (typeof minAvailable === 'number') return minAvailable;
  const percent = /^(\d+)%$/.exec(minAvailable);
  return percent ? Math.ceil((Number(percent[1]) * pods) / 100) : Number(minAvailable);
}

function finding(ref: string, message: string): Finding {
  return { rule: 'disruption-budget', ref, message };
}
