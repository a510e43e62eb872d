import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderChart, type HelmTemplateInput } from '@elara/deploy-checks/helm';
import type { KubeObject } from '@elara/deploy-checks/kube-objects';
import { REPO_ROOT } from '@elara/testkit/processes';
import { parse } from 'yaml';

export const repoRoot = REPO_ROOT;
export const chartDir = path.join(repoRoot, 'charts/elara');
export const RELEASE = 'elara';
export const NAMESPACE = 'elara';
/** CRD-backed kinds the chart gates on `.Capabilities`; offline, helm must be told they exist. */
export const CRD_API_VERSIONS = ['monitoring.coreos.com/v1', 'keda.sh/v1alpha1'];

/** Values files in `dir` whose names match, as absolute paths (none when the folder is absent). */
export function valuesFilesIn(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The chart's own values.yaml, so tests use its key names instead of guessing them. */
export function chartDefaults(): Record<string, unknown> {
  return parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
}

/** The value at a dotted path, or undefined. */
export function valueAt(values: unknown, dotted: string): unknown {
  let current = values;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The first of `candidates` that values.yaml defines; throws (naming them all) when none does. */
export function definedKey(values: unknown, candidates: string[]): string {
  const found = candidates.find((key) => valueAt(values, key) !== undefined);
  if (!found) throw new Error(`values.yaml defines none of ${candidates.join(', ')}`);
  return found;
}

export function render(helm: string, input: Partial<HelmTemplateInput>): Promise<KubeObject[]> {
  return renderChart(helm, chartDir, {
    release: RELEASE,
    namespace: NAMESPACE,
    apiVersions: CRD_API_VERSIONS,
    ...input,
  });
}
