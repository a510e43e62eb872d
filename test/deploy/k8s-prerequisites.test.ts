import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseManifests } from '@elara/deploy-checks/helm';
import { ofKind } from '@elara/deploy-checks/kube-objects';
import { validateObjects } from '@elara/deploy-checks/kube-schemas';
import { ensureKubeTools } from '@elara/deploy-checks/kube-tools';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { repoRoot } from './chart.ts';

const run = promisify(execFile);
const k8sDir = path.join(repoRoot, 'k8s');

describe('k8s/: what lives outside the chart', () => {
  it('builds with kubectl kustomize into objects valid against their API schemas', async () => {
    const { kubectl } = await ensureKubeTools();
    const { stdout } = await run(kubectl, ['kustomize', k8sDir], { timeout: 30_000 });
    const objects = parseManifests(stdout);
    expect(objects.map((o) => o.kind).sort()).toEqual(expect.arrayContaining(['Namespace', 'PriorityClass']));
    expect(validateObjects(objects)).toEqual([]);
  });

  it('enforces the restricted Pod Security Standard in every namespace the example values install into', async () => {
    const { kubectl } = await ensureKubeTools();
    const { stdout } = await run(kubectl, ['kustomize', k8sDir], { timeout: 30_000 });
    const namespaces = ofKind(parseManifests(stdout), 'Namespace');
    for (const namespace of namespaces)
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'], namespace.metadata.name).toBe(
        'restricted',
      );
    // Each example values file names its namespace in the install command of its header comment.
    for (const file of ['staging.yaml', 'production.yaml']) {
      const text = readFileSync(path.join(k8sDir, 'values', file), 'utf8');
      const installedInto = /-n (elara-[a-z]+)/.exec(text)?.[1];
      expect(installedInto, file).toBeDefined();
      expect(namespaces.map((n) => n.metadata.name)).toContain(installedInto);
      expect(parse(text)).toBeTypeOf('object');
    }
  });
});
