import { describe, expect, it } from 'vitest';
import { collect, exportedSeriesNames, loadDashboards, loadRules } from './observability-files.ts';
import { metricNamesIn } from './promql-names.ts';

const dashboards = loadDashboards();
const rules = loadRules();
const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));

interface Panel {
  id: number;
  type: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
}

function panelsOf(json: Record<string, unknown>): Panel[] {
  return (collect(json, 'panels').flat() as Panel[]).filter((panel) => typeof panel.id === 'number');
}

function dashboardExprs(): { where: string; expr: string }[] {
  return dashboards.flatMap(({ file, json }) => [
    ...panelsOf(json).flatMap((panel) =>
      (panel.targets ?? []).map((t) => ({ where: `${file} panel ${panel.id}`, expr: t.expr ?? '' })),
    ),
    ...(collect(json, 'templating').flatMap((t) => collect(t, 'query')) as unknown[])
      .filter((q): q is string => typeof q === 'string' && q.includes('('))
      .map((q) => ({ where: `${file} variable`, expr: q.replace(/^label_values\((\w+),.*\)$/, '$1') })),
  ]);
}

describe('dashboards', () => {
  it('the overview, pipeline, tenant and SLO dashboards exist', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'elara-overview',
      'elara-pipeline',
      'elara-slo',
      'elara-tenant',
    ]);
  });

  it.each(dashboards.map((d) => [d.file, d] as const))('%s is well formed', (_, { json }) => {
    expect(json.schemaVersion as number).toBeGreaterThanOrEqual(39);
    const variables = (json.templating as { list: { name: string; type: string; query: unknown }[] }).list;
    expect(variables).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );

    const panels = panelsOf(json);
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size, 'unique panel ids').toBe(ids.length);
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource?.uid, `panel ${panel.id} datasource`).toBe('${datasource}');
      expect(panel.targets?.length, `panel ${panel.id} has queries`).toBeGreaterThan(0);
      for (const target of panel.targets ?? [])
        expect(target.datasource?.uid ?? '${datasource}').toBe('${datasource}');
    }
  });

  it('the tenant dashboard filters by a tenant_id variable', () => {
    const tenant = dashboards.find((d) => d.json.uid === 'elara-tenant')!;
    const variables = (tenant.json.templating as { list: { name: string }[] }).list.map((v) => v.name);
    expect(variables).toContain('tenant_id');
    expect(JSON.stringify(tenant.json)).toContain('tenant_id=~\\"$tenant_id\\"');
  });
});

describe('metric names in dashboards and rules', () => {
  it('every name is exported by the services, provided by Prometheus or an exporter, or recorded', async () => {
    const exported = await exportedSeriesNames();
    const uses = [
      ...dashboardExprs(),
      ...rules.map((rule) => ({ where: `rule ${rule.record ?? rule.alert}`, expr: rule.expr })),
    ];
    expect(uses.length).toBeGreaterThan(40);
    const unknown = uses.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exported.has(name) && !recorded.has(name))
        .map((name) => `${name} (${where})`),
    );
    expect(unknown).toEqual([]);
  });

  it('recorded names follow level:metric:operations and every one is used', () => {
    const used = new Set(
      [...dashboardExprs(), ...rules.map((rule) => ({ expr: rule.expr }))].flatMap(({ expr }) =>
        metricNamesIn(expr),
      ),
    );
    for (const name of recorded) {
      expect(name).toMatch(/^elara:[a-z0-9_]+:[a-z0-9_]+$/);
      expect(used.has(name), `${name} is used`).toBe(true);
    }
  });
});
