import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngressBackend } from 'kubernetes-models/networking.k8s.io/v1/IngressBackend';
import type { IService } from 'kubernetes-models/v1/Service';
import {
  mapSelectorMatches,
  ofKind,
  podTemplatesOf,
  refOf,
  selectorMatches,
  type KubeObject,
  type LabelSelector,
  type PodTemplate,
} from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

type Service = IService & KubeObject;

/**
 * Wiring that renders fine and silently routes nowhere: every Service selects some pod template and
 * its named targetPorts exist on those pods; every ServiceMonitor selects a Service that has the port
 * it scrapes by name; every PodMonitor selects pods with the named container port; every Ingress
 * backend is a rendered Service and one of its ports.
 */
export function checkServices(objects: KubeObject[]): Finding[] {
  const templates = podTemplatesOf(objects);
  const services = ofKind(objects, 'Service') as Service[];
  return [
    ...services.filter((s) => s.spec?.type !== 'ExternalName').flatMap((s) => serviceProblems(s, templates)),
    ...ofKind(objects, 'ServiceMonitor').flatMap((m) => serviceMonitorProblems(m, services)),
    ...ofKind(objects, 'PodMonitor').flatMap((m) => podMonitorProblems(m, templates)),
    ...ofKind(objects, 'Ingress').flatMap((i) => ingressProblems(i, services)),
  ];
}

function serviceProblems(service: Service, templates: PodTemplate[]): Finding[] {
  const selected = templates.filter((t) => mapSelectorMatches(service.spec?.selector, t.labels));
  if (selected.length === 0) return [finding(refOf(service), 'selector matches no pod template')];
  const namedPorts = new Set(selected.flatMap(containerPortNames));
  return (service.spec?.ports ?? [])
    .filter((port) => typeof port.targetPort === 'string' && !namedPorts.has(port.targetPort))
    .map((port) =>
      finding(refOf(service), `targetPort "${port.targetPort}" is not a named port of its pods`),
    );
}

function containerPortNames(template: PodTemplate): string[] {
  return template.spec.containers.flatMap((c) => (c.ports ?? []).flatMap((p) => (p.name ? [p.name] : [])));
}

function serviceMonitorProblems(monitor: KubeObject, services: Service[]): Finding[] {
  const spec = (monitor as unknown as IServiceMonitor).spec;
  const selected = services.filter((s) =>
    selectorMatches(spec.selector as LabelSelector, s.metadata.labels ?? {}),
  );
  if (selected.length === 0) return [finding(refOf(monitor), 'selector matches no Service')];
  const portNames = new Set(
    selected.flatMap((s) => (s.spec?.ports ?? []).flatMap((p) => (p.name ? [p.name] : []))),
  );
  return (spec.endpoints ?? []).flatMap((endpoint, i) => {
    if (endpoint.port === undefined)
      return [finding(refOf(monitor), `endpoint ${i} must name a Service port`)];
    return portNames.has(endpoint.port)
      ? []
      : [finding(refOf(monitor), `endpoint ${i} scrapes port "${endpoint.port}", which its Services lack`)];
  });
}

function podMonitorProblems(monitor: KubeObject, templates: PodTemplate[]): Finding[] {
  const spec = (monitor as unknown as IPodMonitor).spec;
  const selected = templates.filter((t) => selectorMatches(spec.selector as LabelSelector, t.labels));
  if (selected.length === 0) return [finding(refOf(monitor), 'selector matches no pod template')];
  const portNames = new Set(selected.flatMap(containerPortNames));
  return (spec.podMetricsEndpoints ?? [])
    .filter((endpoint) => endpoint.port === undefined || !portNames.has(endpoint.port))
    .map((endpoint) =>
      finding(refOf(monitor), `endpoint port "${endpoint.port ?? ''}" is not a named port of its pods`),
    );
}

function ingressProblems(ingress: KubeObject, services: Service[]): Finding[] {
  const spec = (ingress as unknown as IIngress).spec ?? {};
  const backends = [
    ...(spec.defaultBackend ? [spec.defaultBackend] : []),
    ...(spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((p) => p.backend)),
  ];
  return backends.flatMap((backend) => {
    const problem = backendProblem(backend, services);
    return problem ? [finding(refOf(ingress), problem)] : [];
  });
}

function backendProblem(backend: IIngressBackend, services: Service[]): string | undefined {
  if (!backend.service) return undefined; // a resource backend (e.g. a bucket) is outside the release
  const { name, port } = backend.service;
  const service = services.find((s) => s.metadata.name === name);
  if (!service) return `backend Service "${name}" is not rendered`;
  const ports = service.spec?.ports ?? [];
  const found = ports.some((p) =>
    port?.name !== undefined ? p.name === port.name : p.port === port?.number,
  );
  return found ? undefined : `backend port ${port?.name ?? port?.number} is not a port of Service/${name}`;
}

function finding(ref: string, message: string): Finding {
  return { rule: 'service-wiring', ref, message };
}
