import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { COMPONENT_LABEL, ofKind, refOf, type KubeObject } from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

/** An HPA or a KEDA ScaledObject, reduced to what the rules compare. */
export interface Autoscaler {
  ref: string;
  component: string | undefined;
  targetKind: string;
  targetName: string;
  minReplicas: number;
  maxReplicas: number;
}

/** KEDA's defaults when a ScaledObject leaves the counts out. */
const KEDA_DEFAULT_MIN = 0;
const KEDA_DEFAULT_MAX = 100;

export function autoscalersOf(objects: KubeObject[]): Autoscaler[] {
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler').map((object) => {
    const spec = (object as unknown as IHorizontalPodAutoscaler).spec;
    return {
      ref: refOf(object),
      component: object.metadata.labels?.[COMPONENT_LABEL],
      targetKind: spec?.scaleTargetRef.kind ?? '',
      targetName: spec?.scaleTargetRef.name ?? '',
      minReplicas: spec?.minReplicas ?? 1,
      maxReplicas: spec?.maxReplicas ?? 0,
    };
  });
  const scaledObjects = ofKind(objects, 'ScaledObject').map((object) => {
    const spec = (object as unknown as IScaledObject).spec;
    return {
      ref: refOf(object),
      component: object.metadata.labels?.[COMPONENT_LABEL],
      targetKind: spec.scaleTargetRef.kind ?? 'Deployment',
      targetName: spec.scaleTargetRef.name,
      minReplicas: spec.minReplicaCount ?? KEDA_DEFAULT_MIN,
      maxReplicas: spec.maxReplicaCount ?? KEDA_DEFAULT_MAX,
    };
  });
  return [...hpas, ...scaledObjects];
}

/** The autoscalers driving a Deployment (more than one is itself a finding). */
export function autoscalersFor(autoscalers: Autoscaler[], deployment: KubeObject): Autoscaler[] {
  return autoscalers.filter(
    (a) => a.targetKind === 'Deployment' && a.targetName === deployment.metadata.name,
  );
}

/**
 * Each HPA and ScaledObject targets an existing Deployment of its own component (the api HPA the api,
 * the worker's the worker), no Deployment has two autoscalers (an HPA and a ScaledObject would fight,
 * KEDA itself creating an HPA), min ≤ max, and an autoscaled Deployment leaves `replicas` out so that
 * every `helm upgrade` does not reset the autoscaler's choice.
 */
export function checkAutoscaling(objects: KubeObject[]): Finding[] {
  const deployments = ofKind(objects, 'Deployment');
  const autoscalers = autoscalersOf(objects);
  const findings = autoscalers.flatMap((a) => targetProblems(a, deployments));
  for (const deployment of deployments) {
    const drivers = autoscalersFor(autoscalers, deployment);
    const ref = refOf(deployment);
    if (drivers.length > 1) {
      findings.push(finding(ref, `is scaled by ${drivers.map((d) => d.ref).join(' and ')}; keep one`));
    }
    const spec = deployment.spec as { replicas?: number } | undefined;
    if (drivers.length > 0 && spec?.replicas !== undefined) {
      findings.push(finding(ref, `is autoscaled by ${drivers[0]!.ref} but sets replicas`));
    }
  }
  return findings;
}

function targetProblems(autoscaler: Autoscaler, deployments: KubeObject[]): Finding[] {
  const { ref, targetKind, targetName, component } = autoscaler;
  if (targetKind !== 'Deployment') return [finding(ref, `targets a ${targetKind}, not a Deployment`)];
  const target = deployments.find((d) => d.metadata.name === targetName);
  if (!target) return [finding(ref, `targets Deployment/${targetName}, which is not rendered`)];
  const findings: Finding[] = [];
  const targetComponent = componentOf(target);
  if (component === undefined) findings.push(finding(ref, `has no ${COMPONENT_LABEL} label`));
  else if (component !== targetComponent) {
    findings.push(
      finding(ref, `is for the ${component} but targets the ${targetComponent ?? 'unlabelled'} Deployment`),
    );
  }
  if (autoscaler.minReplicas > autoscaler.maxReplicas) {
    findings.push(
      finding(ref, `min replicas ${autoscaler.minReplicas} exceed max ${autoscaler.maxReplicas}`),
    );
  }
  return findings;
}

function componentOf(deployment: KubeObject): string | undefined {
  const template = (deployment.spec as { template?: { metadata?: { labels?: Record<string, string> } } })
    ?.template;
  return template?.metadata?.labels?.[COMPONENT_LABEL] ?? deployment.metadata.labels?.[COMPONENT_LABEL];
}

function finding(ref: string, message: string): Finding {
  return { rule: 'autoscaling', ref, message };
}
