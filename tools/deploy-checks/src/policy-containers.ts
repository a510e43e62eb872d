import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { podTemplatesOf, type KubeObject, type PodTemplate } from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

/**
 * The restricted Pod Security Standard and then some, for every container and initContainer of every
 * pod template (Deployments, StatefulSets, Jobs, helm test Pods…): non-root, no privilege escalation,
 * no capabilities, RuntimeDefault seccomp, read-only root with an emptyDir at /tmp, requests and
 * limits for cpu and memory, pinned images, and no host namespaces or host paths.
 */
export function checkContainers(objects: KubeObject[]): Finding[] {
  return podTemplatesOf(objects).flatMap((template) => [
    ...checkHostAccess(template),
    ...containersOf(template.spec).flatMap(({ container, role }) => {
      const problems = [
        ...securityProblems(template.spec, container),
        ...resourceProblems(container),
        ...imageProblems(container),
      ];
      return problems.map(([rule, problem]) => ({
        rule,
        ref: template.ref,
        message: `${role} "${container.name}": ${problem}`,
      }));
    }),
  ]);
}

type Problem = [rule: string, message: string];

function containersOf(spec: IPodSpec): { container: IContainer; role: string }[] {
  return [
    ...(spec.initContainers ?? []).map((container) => ({ container, role: 'initContainer' })),
    ...spec.containers.map((container) => ({ container, role: 'container' })),
  ];
}

function securityProblems(pod: IPodSpec, container: IContainer): Problem[] {
  const own = container.securityContext ?? {};
  const podLevel = pod.securityContext ?? {};
  const drop = own.capabilities?.drop ?? [];
  const problems: string[] = [];
  if ((own.runAsNonRoot ?? podLevel.runAsNonRoot) !== true) problems.push('runAsNonRoot must be true');
  if ((own.runAsUser ?? podLevel.runAsUser) === 0) problems.push('must not run as uid 0');
  if (own.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation must be false');
  if (own.privileged === true) problems.push('must not be privileged');
  if (!drop.includes('ALL')) problems.push('capabilities must drop ALL');
  if ((own.capabilities?.add ?? []).length > 0) problems.push('must not add capabilities');
  const seccomp = own.seccompProfile?.type ?? podLevel.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault') problems.push('seccompProfile must be RuntimeDefault');
  if (own.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem must be true');
  if (!hasWritableTmp(pod, container)) problems.push('needs a writable emptyDir mounted at /tmp');
  return problems.map((message) => ['container-security', message]);
}

function hasWritableTmp(pod: IPodSpec, container: IContainer): boolean {
  const mount = (container.volumeMounts ?? []).find((m) => m.mountPath.replace(/\/+$/, '') === '/tmp');
  if (!mount || mount.readOnly === true) return false;
  return (pod.volumes ?? []).some((volume) => volume.name === mount.name && volume.emptyDir !== undefined);
}

function resourceProblems(container: IContainer): Problem[] {
  const missing: string[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (container.resources?.[kind]?.[resource] === undefined) missing.push(`${kind}.${resource}`);
    }
  }
  return missing.length > 0 ? [['resources', `resources must set ${missing.join(', ')}`]] : [];
}

function imageProblems(container: IContainer): Problem[] {
  const image = container.image ?? '';
  return isPinnedImage(image)
    ? []
    : [['image-pinned', `image "${image}" needs a tag other than latest, or a digest`]];
}

/** `repo:tag` with a tag other than `latest`, or any reference with a sha256 digest. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const separator = name.indexOf(':');
  if (separator < 0) return false;
  const tag = name.slice(separator + 1);
  return tag !== '' && tag !== 'latest';
}

function checkHostAccess(template: PodTemplate): Finding[] {
  const spec = template.spec;
  const problems = [
    ...(['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => spec[field] === true),
    ...(spec.volumes ?? []).filter((v) => v.hostPath !== undefined).map((v) => `hostPath volume "${v.name}"`),
  ];
  return problems.map((problem) => ({ rule: 'host-access', ref: template.ref, message: `uses ${problem}` }));
}
