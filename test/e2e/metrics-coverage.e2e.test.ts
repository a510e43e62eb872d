import { createLogger } from '@elara/logger/logger';
import { loadSchedulerConfig } from '@elara/scheduler/config';
import { startQueueMetrics } from '@elara/scheduler/queue-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDashboards, loadRules, NON_ELARA_SERIES } from '../observability/observability-files.ts';
import { metricNamesIn } from '../observability/promql-names.ts';
import {
  freePort,
  newTenantWithSender,
  postInbound,
  startStack,
  eventually,
  type Stack,
} from '../support/stack.ts';
import { randomPhone } from '@elara/testkit/builders';

/*
 * Dashboards and alert rules against what a running stack really exports: scrape the API, the
 * worker and the scheduler's queue metrics after some traffic, and require every metric a
 * dashboard panel or a rule reads to be there. A panel on a renamed or missing metric would
 * otherwise show "No data" only in production.
 */

let stack: Stack;
let schedulerMetrics: Awaited<ReturnType<typeof startQueueMetrics>>;

beforeAll(async () => {
  stack = await startStack({ worker: false, env: { METRICS_PORT: String(await freePort()) } });
  await stack.startWorker({ METRICS_PORT: String(await freePort()) });
  const config = loadSchedulerConfig({ ...stack.env, METRICS_PORT: String(await freePort()) });
  schedulerMetrics = await startQueueMetrics(
    config,
    stack.redis,
    createLogger({ service: 'test', level: 'silent', version: 'test' }),
  );
  const tenant = await newTenantWithSender(stack);
  const from = randomPhone();
  await postInbound(stack, {
    sender: tenant.sender,
    from,
    body: 'Your parcel is on hold, pay the fee at http://dhl-fee.top/pay',
  });
  await eventually(async () => stack.sandbox.messages().some((m) => m.to === `whatsapp:${from}`));
});
afterAll(async () => {
  await schedulerMetrics?.close();
  await stack.close();
});

/** Every series name in a Prometheus exposition, histograms expanded to their three series. */
function seriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match as unknown as [string, string, string];
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(`${name}${suffix}`);
    else names.add(name);
  }
  return names;
}

describe('metrics used by dashboards and alert rules', () => {
  it('are all exported by the running services', async () => {
    const urls = [stack.api.metricsUrl, stack.worker?.metricsUrl, schedulerMetrics?.url];
    expect(urls.every(Boolean)).toBe(true);
    const exported = new Set<string>(NON_ELARA_SERIES);
    for (const url of urls)
      for (const name of seriesNames(await (await fetch(url!)).text())) exported.add(name);
    expect(exported.size).toBeGreaterThan(30);
    const rules = loadRules();
    const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
    const exprs = [
      ...rules.map((rule) => ({ where: rule.alert ?? rule.record ?? '?', expr: rule.expr })),
      ...loadDashboards().flatMap(({ file, json }) =>
        JSON.stringify(json)
          .match(/"expr":"((?:[^"\\]|\\.)*)"/g)!
          .map((raw) => ({ where: file, expr: JSON.parse(`{${raw}}`).expr as string })),
      ),
    ];
    expect(exprs.length).toBeGreaterThan(20);
    const missing = exprs.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exported.has(name) && !recorded.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
