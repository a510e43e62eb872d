import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ofKind } from '@elara/deploy-checks/kube-objects';
import { ensureKubeTools } from '@elara/deploy-checks/kube-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDefaults, chartDir, render, repoRoot, valueAt, valuesFilesIn } from './chart.ts';

const run = promisify(execFile);
const SYNC_SCRIPT = 'charts/elara/scripts/sync-observability.sh';
const RULES_FILE = 'grafana/prometheus/rules/elara.rules.yml';
const DASHBOARDS_DIR = 'grafana/dashboards';

let helm: string;
let scratch: string;

beforeAll(async () => {
  helm = (await ensureKubeTools()).helm;
  scratch = await mkdtemp(path.join(tmpdir(), 'chart-observability-'));
}, 120_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Exit code of the sync script's `--check` run inside `root` (a repository layout). */
async function syncCheck(root: string): Promise<{ code: number; stderr: string }> {
  return run('sh', [path.join(root, SYNC_SCRIPT), '--check']).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe('observability files in the chart', () => {
  it('are identical to grafana/ (the sync script finds nothing stale)', async () => {
    expect(await syncCheck(repoRoot)).toEqual({ code: 0, stderr: '' });
  });

  it('would be reported stale after grafana/ changes', async () => {
    const copy = path.join(scratch, 'repo');
    await cp(path.join(repoRoot, 'grafana'), path.join(copy, 'grafana'), { recursive: true });
    await cp(chartDir, path.join(copy, 'charts/elara'), { recursive: true });
    await writeFile(
      path.join(copy, RULES_FILE),
      `${await readFile(path.join(copy, RULES_FILE), 'utf8')}\n# edited\n`,
    );
    const result = await syncCheck(copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stale: charts\/elara\/files\/.*elara\.rules\.yml/);
  });

  it('render into a PrometheusRule with exactly the rules of grafana/', async () => {
    const objects = await render(helm, { valuesFiles: defaultValues() });
    const rules = ofKind(objects, 'PrometheusRule');
    expect(rules).toHaveLength(1);
    const source = parse(await readFile(path.join(repoRoot, RULES_FILE), 'utf8')) as object;
    expect(rules[0]!.spec).toEqual(source);
  });

  it("render every grafana/ dashboard into ConfigMaps for Grafana's sidecar", async () => {
    const label = String(valueAt(chartDefaults(), 'observability.dashboards.label'));
    const objects = await render(helm, { valuesFiles: defaultValues() });
    const rendered = ofKind(objects, 'ConfigMap')
      .filter((configMap) => configMap.metadata.labels?.[label] !== undefined)
      .flatMap((configMap) => Object.values((configMap.data ?? {}) as Record<string, string>));
    const names = (await readdir(path.join(repoRoot, DASHBOARDS_DIR))).filter((name) =>
      name.endsWith('.json'),
    );
    const sources = await Promise.all(
      names.map((name) => readFile(path.join(repoRoot, DASHBOARDS_DIR, name), 'utf8')),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(rendered.map((text) => JSON.parse(text) as unknown)).toEqual(
      expect.arrayContaining(sources.map((text) => JSON.parse(text) as unknown)),
    );
    expect(rendered).toHaveLength(sources.length);
  });
});

function defaultValues(): string[] {
  const file = valuesFilesIn(path.join(chartDir, 'ci'), /^default-values\.yaml$/);
  expect(file).toHaveLength(1);
  return file;
}
