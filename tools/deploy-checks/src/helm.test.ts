import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmLint, HelmError, helmTemplate, parseManifests, renderChart } from './helm.ts';
import { ensureKubeTools } from './kube-tools.ts';

let helm: string;
let chart: string;

/** A three-template chart: a ConfigMap, a template that may render nothing, one gated on a CRD. */
const CHART_FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: tiny\nversion: 0.1.0\nappVersion: "1.0.0"\n',
  'values.yaml': 'greeting: hello\nextra: false\n',
  'values.schema.json': JSON.stringify({
    type: 'object',
    additionalProperties: false,
    properties: {
      greeting: { type: 'string', minLength: 1 },
      extra: { type: 'boolean' },
      owner: { type: 'string' },
    },
  }),
  'templates/configmap.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-tiny',
    '  namespace: {{ .Release.Namespace }}',
    'data:',
    '  greeting: {{ required "greeting is required" .Values.greeting | quote }}',
  ].join('\n'),
  'templates/extra.yaml': [
    '{{- if .Values.extra }}',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: extra',
    'data:',
    '  owner: {{ required "owner is required with extra" .Values.owner }}',
    '{{- end }}',
  ].join('\n'),
  'templates/scaledobject.yaml': [
    '{{- if .Capabilities.APIVersions.Has "keda.sh/v1alpha1" }}',
    'apiVersion: keda.sh/v1alpha1',
    'kind: ScaledObject',
    'metadata:',
    '  name: {{ .Release.Name }}-worker',
    'spec:',
    '  scaleTargetRef:',
    '    name: worker',
    '  triggers: []',
    '{{- end }}',
  ].join('\n'),
};

beforeAll(async () => {
  helm = (await ensureKubeTools()).helm;
  chart = await mkdtemp(path.join(tmpdir(), 'helm-test-'));
  for (const [file, text] of Object.entries(CHART_FILES)) {
    await mkdir(path.dirname(path.join(chart, file)), { recursive: true });
    await writeFile(path.join(chart, file), text);
  }
}, 60_000);

afterAll(() => rm(chart, { recursive: true, force: true }));

describe('helm', () => {
  it('lints a clean chart strictly', async () => {
    await expect(helmLint(helm, chart)).resolves.toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it('renders into objects, skipping templates that render nothing', async () => {
    const objects = await renderChart(helm, chart, { release: 'r1', namespace: 'ns1' });
    expect(objects).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'r1-tiny', namespace: 'ns1' },
        data: { greeting: 'hello' },
      },
    ]);
  });

  it('passes --set values and extra API versions', async () => {
    const objects = await renderChart(helm, chart, {
      release: 'r2',
      namespace: 'ns2',
      set: ['greeting=hi'],
      apiVersions: ['keda.sh/v1alpha1'],
    });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/r2-tiny',
      'ScaledObject/r2-worker',
    ]);
    expect(objects[0]!.data).toEqual({ greeting: 'hi' });
  });

  it("rejects values the schema forbids, with helm's explanation in the error", async () => {
    const rendering = helmTemplate(helm, chart, { release: 'r', namespace: 'n', set: ['unknownKey=1'] });
    await expect(rendering).rejects.toBeInstanceOf(HelmError);
    await expect(rendering).rejects.toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/values don't meet the specifications of the schema[\s\S]*unknownKey/),
    });
  });

  it('leaves required guards to helm template: lint only logs them', async () => {
    const values = path.join(chart, 'ci-extra.yaml');
    await writeFile(values, 'extra: true\n');
    await expect(helmLint(helm, chart, { valuesFiles: [values] })).resolves.toContain('0 chart(s) failed');
    const rendering = helmTemplate(helm, chart, { release: 'r', namespace: 'n', valuesFiles: [values] });
    await expect(rendering).rejects.toThrow(/execution error at .*owner is required with extra/);
  });

  it('gives up on a helm that hangs', async () => {
    const hanging = path.join(chart, 'hanging-helm.sh');
    await writeFile(hanging, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });
    const rendering = helmTemplate(hanging, chart, { release: 'r', namespace: 'n', timeoutMs: 200 });
    await expect(rendering).rejects.toThrow(/timed out after 200 ms/);
  });
});

describe('parseManifests', () => {
  it('skips empty documents and comments-only documents', () => {
    const text = '---\n# Source: x\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n\n';
    expect(parseManifests(text)).toEqual([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }]);
  });

  it('rejects a document that is not a Kubernetes object', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Service\n')).toThrow(/not a Kubernetes object/);
    expect(() => parseManifests('- a\n- b\n')).toThrow(/not a Kubernetes object/);
  });

  it('rejects invalid YAML', () => {
    expect(() => parseManifests('kind: [unclosed\n')).toThrow(/invalid YAML/);
  });
});
