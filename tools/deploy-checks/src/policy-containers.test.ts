import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkContainers, isPinnedImage } from './policy-containers.ts';
import { compliantRelease, mainContainer, pick, type Editable } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkContainers(release).map(formatFinding);
}

const api = (r: KubeObject[]): Editable => mainContainer(r, 'Deployment', 'api');
const apiPod = (r: KubeObject[]): Editable => pick(r, 'Deployment', 'api').spec.template.spec;
const apiSays = (message: string) => `Deployment/rel-elara-api: container "api": ${message}`;
const initSays = (message: string) =>
  `Deployment/rel-elara-api: initContainer "wait-for-migrations": ${message}`;

describe('checkContainers', () => {
  it('passes a restricted release', () => {
    expect(checkContainers(compliantRelease())).toEqual([]);
  });

  it.each<[string, (r: KubeObject[]) => void, string]>([
    [
      'privilege escalation',
      (r) => (api(r).securityContext.allowPrivilegeEscalation = true),
      'allowPrivilegeEscalation must be false',
    ],
    [
      'an unset privilege escalation',
      (r) => delete api(r).securityContext.allowPrivilegeEscalation,
      'allowPrivilegeEscalation must be false',
    ],
    [
      'capabilities kept',
      (r) => (api(r).securityContext.capabilities.drop = ['NET_RAW']),
      'capabilities must drop ALL',
    ],
    [
      'capabilities added',
      (r) => (api(r).securityContext.capabilities.add = ['NET_ADMIN']),
      'must not add capabilities',
    ],
    [
      'a writable root',
      (r) => (api(r).securityContext.readOnlyRootFilesystem = false),
      'readOnlyRootFilesystem must be true',
    ],
    ['privileged', (r) => (api(r).securityContext.privileged = true), 'must not be privileged'],
    ['uid 0', (r) => (api(r).securityContext.runAsUser = 0), 'must not run as uid 0'],
    [
      'a non-root flag turned off',
      (r) => (api(r).securityContext.runAsNonRoot = false),
      'runAsNonRoot must be true',
    ],
    [
      'an unconfined seccomp',
      (r) => (api(r).securityContext.seccompProfile = { type: 'Unconfined' }),
      'seccompProfile must be RuntimeDefault',
    ],
    ['no /tmp', (r) => (api(r).volumeMounts = []), 'needs a writable emptyDir mounted at /tmp'],
    [
      'a read-only /tmp',
      (r) => (api(r).volumeMounts[0].readOnly = true),
      'needs a writable emptyDir mounted at /tmp',
    ],
    [
      'no memory limit',
      (r) => delete api(r).resources.limits.memory,
      'resources must set limits.memory [resources]',
    ],
    [
      'no requests',
      (r) => delete api(r).resources.requests,
      'resources must set requests.cpu, requests.memory',
    ],
    [
      'a latest tag',
      (r) => (api(r).image = 'ghcr.io/elara-security/elara-api:latest'),
      'image "ghcr.io/elara-security/elara-api:latest" needs a tag',
    ],
    [
      'no tag',
      (r) => (api(r).image = 'localhost:5000/elara-api'),
      'image "localhost:5000/elara-api" needs a tag other than latest, or a digest [image-pinned]',
    ],
  ])('flags %s on one container', (_name, edit, message) => {
    expect(findingsAfter(edit)).toEqual([expect.stringContaining(apiSays(message))]);
  });

  it('flags pod-level settings on every container, initContainers included', () => {
    const findings = findingsAfter((r) => {
      delete apiPod(r).securityContext.runAsNonRoot;
      apiPod(r).volumes = [{ name: 'tmp', configMap: { name: 'scratch' } }];
    });
    expect(findings).toEqual([
      expect.stringContaining(initSays('runAsNonRoot must be true')),
      expect.stringContaining(initSays('needs a writable emptyDir mounted at /tmp')),
      expect.stringContaining(apiSays('runAsNonRoot must be true')),
      expect.stringContaining(apiSays('needs a writable emptyDir mounted at /tmp')),
    ]);
  });

  it('accepts container-level runAsNonRoot and seccomp in place of pod-level ones', () => {
    const findings = findingsAfter((r) => {
      delete apiPod(r).securityContext;
      for (const c of [...apiPod(r).containers, ...apiPod(r).initContainers]) {
        Object.assign(c.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      }
    });
    expect(findings).toEqual([]);
  });

  it('checks helm test pods and hook Jobs too', () => {
    const findings = findingsAfter((r) => {
      mainContainer(r, 'Pod', 'test').image = 'busybox';
      delete mainContainer(r, 'Job', 'migrate').resources.limits;
    });
    expect(findings).toEqual([
      'Job/rel-elara-migrate: container "migrate": resources must set limits.cpu, limits.memory [resources]',
      'Pod/rel-elara-test: container "ready": image "busybox" needs a tag other than latest, or a digest [image-pinned]',
    ]);
  });

  it('flags host namespaces and hostPath volumes', () => {
    const findings = findingsAfter((r) => {
      const pod = pick(r, 'StatefulSet', 'postgres').spec.template.spec;
      Object.assign(pod, { hostNetwork: true, hostPID: true, hostIPC: true });
      pod.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } });
    });
    expect(findings).toEqual(
      ['hostNetwork', 'hostPID', 'hostIPC', 'hostPath volume "docker"'].map(
        (what) => `StatefulSet/rel-elara-postgres: uses ${what} [host-access]`,
      ),
    );
  });
});

describe('isPinnedImage', () => {
  it.each([
    ['ghcr.io/elara-security/elara-api:0.6.0', true],
    [`ghcr.io/elara-security/elara-api@sha256:${'a'.repeat(64)}`, true],
    [`ghcr.io/elara-security/elara-api:latest@sha256:${'b'.repeat(64)}`, true],
    ['postgres:17-bookworm', true],
    ['postgres', false],
    ['postgres:latest', false],
    ['registry.local:5000/elara-api', false],
    ['registry.local:5000/elara-api:1.2', true],
    ['elara-api:', false],
  ])('%s → %s', (image, pinned) => {
    expect(isPinnedImage(image)).toBe(pinned);
  });
});
