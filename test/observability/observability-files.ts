import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repository root, and the monitoring files the tests in this folder check. */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const rulesFile = path.join(repoRoot, 'grafana/prometheus/rules/elara.rules.yml');
export const ruleTestsFile = path.join(repoRoot, 'grafana/prometheus/tests/elara.rules.test.yml');
export const prometheusConfigFile = path.join(repoRoot, 'grafana/prometheus/prometheus.yml');
export const alertmanagerFile = path.join(repoRoot, 'grafana/alertmanager/alertmanager.yml');
export const dashboardsDir = path.join(repoRoot, 'grafana/dashboards');

export function readYaml<T>(file: string): T {
  return parseYaml(readFileSync(file, 'utf8')) as T;
}

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

export function loadRules(): Rule[] {
  return readYaml<RuleFile>(rulesFile).groups.flatMap((group) => group.rules);
}

export interface Dashboard {
  file: string;
  json: Record<string, unknown>;
}

export function loadDashboards(): Dashboard[] {
  return readdirSync(dashboardsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const file = path.join(dashboardsDir, name);
      return { file, json: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
    });
}

/** Every value of key `key` anywhere inside `value` (panels nest inside rows). */
export function collect(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => collect(item, key));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === key ? [v, ...collect(v, key)] : collect(v, key)));
}

/** Names Prometheus itself or the datastore exporters provide (see grafana/prometheus/prometheus.yml). */
export const NON_ELARA_SERIES = ['up', 'redis_up', 'pg_up'];

/*
 * The series the services export: `METRIC_SERIES_NAMES` from packages/metrics (histograms expanded
 * into `_bucket`, `_sum`, `_count`). Read at run time so this folder does not need the package as a
 * dependency.
 */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const file = path.join(repoRoot, 'packages/metrics/src/metric-names.ts');
  if (!existsSync(file)) throw new Error(`${file} is missing: it lists every metric the services export`);
  const names = (await import(pathToFileURL(file).href)) as { METRIC_SERIES_NAMES: readonly string[] };
  return new Set([...names.METRIC_SERIES_NAMES, ...NON_ELARA_SERIES]);
}
