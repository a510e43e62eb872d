import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HelmError, helmLint } from '@elara/deploy-checks/helm';
import { ofKind, podTemplatesOf, type KubeObject } from '@elara/deploy-checks/kube-objects';
import { validateObjects } from '@elara/deploy-checks/kube-schemas';
import { ensureKubeTools } from '@elara/deploy-checks/kube-tools';
import { checkManifestPolicy, formatFinding } from '@elara/deploy-checks/manifest-policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chartDefaults, chartDir, definedKey, render, repoRoot, valueAt, valuesFilesIn } from './chart.ts';

const ciValues = valuesFilesIn(path.join(chartDir, 'ci'), /-values\.yaml$/);
const environmentValues = valuesFilesIn(path.join(repoRoot, 'k8s/values'), /\.ya?ml$/);
const SCHEMA_ERROR = /values don't meet the specifications of the schema/;
/** Helm refuses longer release names; every name the chart derives must still fit in 63 characters. */
const MAX_RELEASE_NAME = 53;

let helm: string;
let scratch: string;

beforeAll(async () => {
  helm = (await ensureKubeTools()).helm;
  scratch = await mkdtemp(path.join(tmpdir(), 'helm-chart-test-'));
}, 120_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

const renders = new Map<string, Promise<KubeObject[]>>();

/** Each values file is rendered once and shared by the tests that inspect the result. */
function renderOnce(valuesFile: string): Promise<KubeObject[]> {
  let rendering = renders.get(valuesFile);
  if (!rendering) {
    rendering = render(helm, { valuesFiles: [valuesFile] });
    renders.set(valuesFile, rendering);
  }
  return rendering;
}

/** The production-shaped ci values that the negative tests break one key of. */
function baseValues(): string {
  const base = ciValues.find((file) => file.endsWith('default-values.yaml')) ?? ciValues[0];
  if (!base) throw new Error('charts/elara/ci has no *-values.yaml');
  return base;
}

/** Renders values that must fail, returning helm's error (the test fails if it rendered). */
async function renderError(input: { set?: string[]; valuesFiles?: string[] }): Promise<HelmError> {
  const valuesFiles = [baseValues(), ...(input.valuesFiles ?? [])];
  const outcome = await render(helm, { ...input, valuesFiles }).then(
    () => 'rendered without error',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(HelmError);
  return outcome as HelmError;
}

async function overlay(name: string, values: object): Promise<string> {
  const file = path.join(scratch, `${name}.yaml`);
  await writeFile(file, stringify(values));
  return file;
}

it('has ci/*-values.yaml files to lint and render', () => {
  expect(ciValues.length).toBeGreaterThan(0);
});

describe.concurrent.each(
  [...ciValues, ...environmentValues].map((file) => [path.relative(repoRoot, file), file]),
)('%s', (_label, valuesFile) => {
  it('passes helm lint --strict', async () => {
    await expect(helmLint(helm, chartDir, { valuesFiles: [valuesFile] })).resolves.toContain(
      '0 chart(s) failed',
    );
  });

  it('renders the three app Deployments and the migration Job', async () => {
    const objects = await renderOnce(valuesFile);
    const components = (kind: string) =>
      podTemplatesOf(ofKind(objects, kind)).map((t) => t.component ?? `(unlabelled ${t.ref})`);
    expect(components('Deployment').sort()).toEqual(['api', 'scheduler', 'worker']);
    expect(components('Job')).toContain('migrate');
  });

  it('renders only objects valid against their Kubernetes API schemas', async () => {
    expect(validateObjects(await renderOnce(valuesFile))).toEqual([]);
  });

  it('keeps names and labels valid under the longest release name helm accepts', async () => {
    const objects = await render(helm, { release: 'r'.repeat(MAX_RELEASE_NAME), valuesFiles: [valuesFile] });
    expect(validateObjects(objects)).toEqual([]);
  });

  it('meets the deployment policy', async () => {
    const findings = checkManifestPolicy(await renderOnce(valuesFile));
    expect(findings.map(formatFinding)).toEqual([]);
  });
});

describe.concurrent('values.schema.json', () => {
  // Each case names the keys it breaks from values.yaml, so a renamed key fails loudly here.
  it.each<[string, (defaults: unknown) => string[], RegExp]>([
    ['an unknown top-level key', () => ['notAValue=1'], /notAValue/],
    [
      'a wrong worker autoscaling mode',
      (d) => [`${definedKey(d, ['worker.autoscaling.mode'])}=sometimes`],
      /mode/,
    ],
    ['the latest image tag', (d) => [`${definedKey(d, ['image.tag'])}=latest`], /tag/],
    ['negative replicas', (d) => [`${definedKey(d, ['api.replicas', 'api.replicaCount'])}=-1`], /replica/i],
    ['a string for a boolean', (d) => [`${definedKey(d, ['networkPolicy.enabled'])}=maybe`], /enabled/],
  ])('rejects %s', async (_name, sets, mentions) => {
    const error = await renderError({ set: sets(chartDefaults()) });
    expect(error.exitCode).not.toBe(0);
    expect(error.stderr).toMatch(SCHEMA_ERROR);
    expect(error.stderr).toMatch(mentions);
  });
});

describe.concurrent('configuration guards', () => {
  async function expectGuard(input: { set?: string[]; valuesFiles?: string[] }, mentions: RegExp) {
    const error = await renderError(input);
    // A template guard (`required`/`fail`), not the schema, must be what stops it.
    expect(error.stderr).not.toMatch(SCHEMA_ERROR);
    expect(error.stderr).toMatch(/execution error at/);
    expect(error.stderr).toMatch(mentions);
  }

  it('requires an existing Secret when the datastores are external', async () => {
    const defaults = chartDefaults();
    expect(valueAt(defaults, 'postgres.mode')).toBe('external');
    expect(valueAt(defaults, 'redis.mode')).toBe('external');
    await expectGuard({ set: [`${definedKey(defaults, ['secrets.existingSecret'])}=`] }, /existingSecret/);
  });

  it('requires hosts when the ingress is enabled', async () => {
    definedKey(chartDefaults(), ['ingress.hosts']);
    const noHosts = await overlay('ingress-without-hosts', { ingress: { enabled: true, hosts: [] } });
    await expectGuard({ valuesFiles: [noHosts] }, /ingress/);
  });

  it('requires a Prometheus address in keda mode', async () => {
    const address = definedKey(chartDefaults(), ['worker.autoscaling.keda.serverAddress']);
    await expectGuard({ set: ['worker.autoscaling.mode=keda', `${address}=`] }, /serverAddress/);
  });
});

describe('trusted CA certificates', () => {
  it('gives every app and migrator container the ConfigMap and NODE_EXTRA_CA_CERTS, and nothing else', async () => {
    const objects = await render(helm, { valuesFiles: [baseValues()], set: ['trustedCa.configMap=rds-ca'] });
    const dataOf = (c: KubeObject) => (c.data ?? {}) as Record<string, string>;
    const configMap = ofKind(objects, 'ConfigMap').find((c) => dataOf(c).NODE_EXTRA_CA_CERTS);
    expect(configMap && dataOf(configMap).NODE_EXTRA_CA_CERTS).toBe('/etc/elara/trusted-ca/ca.pem');
    const templates = podTemplatesOf(objects).filter((t) =>
      ['api', 'worker', 'scheduler', 'migrate'].includes(t.component ?? ''),
    );
    expect(templates.map((t) => t.component).sort()).toEqual(['api', 'migrate', 'scheduler', 'worker']);
    for (const template of templates) {
      expect(template.spec.volumes, template.ref).toContainEqual({
        name: 'trusted-ca',
        configMap: { name: 'rds-ca' },
      });
      for (const container of [...(template.spec.initContainers ?? []), ...template.spec.containers]) {
        const where = `${template.ref} ${container.name}`;
        expect(container.volumeMounts, where).toContainEqual({
          name: 'trusted-ca',
          mountPath: '/etc/elara/trusted-ca',
          readOnly: true,
        });
        const byEnv = container.env?.some((e) => e.name === 'NODE_EXTRA_CA_CERTS');
        const byConfigMap = container.envFrom?.some((e) => e.configMapRef?.name === configMap?.metadata.name);
        expect(byEnv || byConfigMap, where).toBe(true);
      }
    }
  });

  it('mounts nothing when no ConfigMap is named', async () => {
    const objects = await renderOnce(baseValues());
    expect(JSON.stringify(objects)).not.toContain('trusted-ca');
  });
});
