import type { KubeObject } from './kube-objects.ts';
import { checkAutoscaling } from './policy-autoscaling.ts';
import { checkContainers } from './policy-containers.ts';
import { checkDisruptionBudgets } from './policy-disruption.ts';
import { checkNetworkPolicies } from './policy-network.ts';
import { checkProbes } from './policy-probes.ts';
import { checkRbac } from './policy-rbac.ts';
import { checkServices } from './policy-services.ts';
import type { Finding } from './policy.types.ts';

export { formatFinding, type Finding } from './policy.types.ts';

/** Every policy rule, each a pure function of the rendered objects. */
export const POLICY_RULES: Record<string, (objects: KubeObject[]) => Finding[]> = {
  containers: checkContainers,
  probes: checkProbes,
  disruptionBudgets: checkDisruptionBudgets,
  autoscaling: checkAutoscaling,
  networkPolicies: checkNetworkPolicies,
  rbac: checkRbac,
  services: checkServices,
};

/** All findings for one render; an empty list means the manifests meet the deployment policy. */
export function checkManifestPolicy(objects: KubeObject[]): Finding[] {
  return Object.values(POLICY_RULES).flatMap((rule) => rule(objects));
}
