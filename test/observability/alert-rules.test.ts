import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, readYaml, repoRoot, ruleTestsFile } from './observability-files.ts';

interface RuleTests {
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

const rules = loadRules();
const alerts = rules.filter((rule) => rule.alert);
const alertNames = [...new Set(alerts.map((rule) => rule.alert!))];

describe('alert rules', () => {
  it('define the alerts the runbooks and Alertmanager expect', () => {
    expect(alertNames.length).toBeGreaterThanOrEqual(10);
  });

  it.each(alerts.map((rule) => [`${rule.alert} (${rule.labels?.severity})`, rule] as const))(
    '%s has a severity, a summary and a runbook that exists',
    (_, rule) => {
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.trim()).toBeTruthy();
      const runbook = rule.annotations?.runbook_url ?? '';
      expect(runbook).toBe(`docs/runbooks/${rule.alert}.md`);
      expect(existsSync(path.join(repoRoot, runbook)), `${runbook} exists`).toBe(true);
    },
  );

  it('each alert has a promtool unit test where it fires and one where it stays silent', () => {
    const cases = readYaml<RuleTests>(ruleTestsFile).tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const name of alertNames) {
      const mine = cases.filter((c) => c.alertname === name);
      expect(
        mine.some((c) => (c.exp_alerts ?? []).length > 0),
        `${name} fires in a test`,
      ).toBe(true);
      expect(
        mine.some((c) => (c.exp_alerts ?? []).length === 0),
        `${name} stays silent in a test`,
      ).toBe(true);
    }
  });

  it('an alert name used at two severities is critical once and warning once', () => {
    for (const name of alertNames) {
      const severities = alerts.filter((rule) => rule.alert === name).map((rule) => rule.labels?.severity);
      expect(new Set(severities).size, name).toBe(severities.length);
    }
  });
});
