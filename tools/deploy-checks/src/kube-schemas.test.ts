import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { hasSchema, readablePath, validateObject, validateObjects } from './kube-schemas.ts';
import { compliantRelease, mainContainer, pick } from './policy.fixtures.ts';

describe('validateObjects', () => {
  it('accepts every kind the chart renders, CRDs included', () => {
    const release = compliantRelease();
    expect(new Set(release.map((o) => o.kind)).size).toBeGreaterThan(10);
    expect(validateObjects(release)).toEqual([]);
  });

  it.each([
    ['v1', 'ConfigMap'],
    ['apps/v1', 'StatefulSet'],
    ['batch/v1', 'CronJob'],
    ['policy/v1', 'PodDisruptionBudget'],
    ['networking.k8s.io/v1', 'Ingress'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ['coordination.k8s.io/v1', 'Lease'],
    ['keda.sh/v1alpha1', 'TriggerAuthentication'],
    ['monitoring.coreos.com/v1', 'PrometheusRule'],
    ['monitoring.coreos.com/v1', 'PodMonitor'],
  ])('knows %s %s', (apiVersion, kind) => {
    expect(hasSchema(apiVersion, kind)).toBe(true);
  });

  it('fails unknown and deprecated API versions instead of passing them', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'old' } },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'older' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
    ];
    expect(validateObjects(objects)).toEqual([
      'HorizontalPodAutoscaler/old: no schema for apiVersion "autoscaling/v1" kind "HorizontalPodAutoscaler"',
      'PodDisruptionBudget/older: no schema for apiVersion "policy/v1beta1" kind "PodDisruptionBudget"',
      'Widget/w: no schema for apiVersion "example.com/v1" kind "Widget"',
    ]);
  });

  it('reports wrong types, missing required fields and bad enums by path', () => {
    const release = compliantRelease();
    const deployment = pick(release, 'Deployment', 'scheduler');
    deployment.spec.replicas = '2';
    delete deployment.spec.selector;
    mainContainer(release, 'Deployment', 'scheduler').ports[0].containerPort = 'metrics';
    pick(release, 'Service', 'api').spec.type = 'Public';
    expect(validateObjects(release)).toEqual([
      'Deployment/rel-elara-scheduler: spec must have required property selector',
      'Deployment/rel-elara-scheduler: spec.replicas must be integer',
      'Deployment/rel-elara-scheduler: spec.template.spec.containers[0].ports[0].containerPort must be integer',
      'Service/rel-elara-api: spec.type must be equal to one of the allowed values: ClusterIP, ExternalName, LoadBalancer, NodePort',
    ]);
  });

  it('reports fields the schema does not know, such as typos', () => {
    const release = compliantRelease();
    mainContainer(release, 'Deployment', 'api').securityContext.runAsNonroot = true;
    pick(release, 'PodDisruptionBudget', 'api').spec.unhealthyPodEvictionPolice = 'AlwaysAllow';
    pick(release, 'ScaledObject', 'worker').spec.minReplicas = 1;
    expect(validateObjects(release)).toEqual([
      'Deployment/rel-elara-api: spec.template.spec.containers[0].securityContext.runAsNonroot is not a known field',
      'ScaledObject/rel-elara-worker: spec.minReplicas is not a known field',
      'PodDisruptionBudget/rel-elara-api: spec.unhealthyPodEvictionPolice is not a known field',
    ]);
  });

  it("accepts PriorityClass's description, which the models' schemas lack, but no description elsewhere", () => {
    const priorityClass: KubeObject = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'elara-critical' },
      value: 1000,
      description: 'Elara pods that answer webhooks',
    };
    expect(validateObject(priorityClass)).toEqual([]);
    const release = compliantRelease();
    mainContainer(release, 'Deployment', 'api').description = 'not a container field';
    expect(validateObjects(release)).toEqual([
      'Deployment/rel-elara-api: spec.template.spec.containers[0].description is not a known field',
    ]);
  });

  it('does not mistake map keys or free-form fields for unknown fields', () => {
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { 'app.kubernetes.io/name': 'elara' },
        annotations: { 'checksum/x': 'y' },
      },
      data: { ANY_KEY: 'value', 'dashboard.json': '{}' },
    };
    expect(validateObject(configMap)).toEqual([]);
    const release = compliantRelease();
    pick(release, 'ScaledObject', 'worker').spec.triggers[0].metadata.anyScalerSetting = 'x';
    expect(validateObjects(release)).toEqual([]);
  });
});

describe('names and labels', () => {
  const service = (name: string, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { ports: [{ port: 80 }] },
  });

  it('accepts the usual chart names and labels', () => {
    expect(
      validateObject(
        service('elara-api', { 'app.kubernetes.io/name': 'elara', 'helm.sh/chart': 'elara-0.1.0' }),
      ),
    ).toEqual([]);
  });

  it('rejects a Service name over 63 characters, as a long release name renders it', () => {
    expect(validateObject(service(`${'a'.repeat(60)}-api`))).toEqual([
      `Service/${'a'.repeat(60)}-api: metadata.name must be a DNS label of at most 63 characters starting with a letter`,
    ]);
  });

  it('rejects uppercase names and bad label values', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'Elara', labels: { 'app.kubernetes.io/version': '1.0.0+build', 'bad key!': 'x' } },
      spec: { maxUnavailable: 1 },
    };
    expect(validateObject(pdb)).toEqual([
      'PodDisruptionBudget/Elara: metadata.name must be a lowercase DNS subdomain',
      'PodDisruptionBudget/Elara: label "app.kubernetes.io/version" has an invalid value (at most 63 characters, alphanumeric at both ends)',
      'PodDisruptionBudget/Elara: label key "bad key!" is invalid',
    ]);
  });
});

describe('readablePath', () => {
  it.each([
    ['', '(root)'],
    ['/spec/replicas', 'spec.replicas'],
    ['/spec/containers/0/ports/1', 'spec.containers[0].ports[1]'],
    ['/metadata/labels/app.kubernetes.io~1name', 'metadata.labels["app.kubernetes.io/name"]'],
  ])('%s → %s', (pointer, readable) => {
    expect(readablePath(pointer)).toBe(readable);
  });
});
