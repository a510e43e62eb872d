import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  alertmanagerFile,
  prometheusConfigFile,
  repoRoot,
  ruleTestsFile,
  rulesFile,
} from './observability-files.ts';

/*
 * Prometheus's and Alertmanager's own checkers, as CI runs them. `./dev.sh test` installs them
 * (Debian packages prometheus and prometheus-alertmanager) when they are missing.
 */
function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
  if (result.error)
    throw new Error(`${command} could not run (${result.error.message}); ./dev.sh installs it`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function expectSuccess(command: string, args: string[]): string {
  const { status, output } = run(command, args);
  expect(status, `${command} ${args.join(' ')}\n${output}`).toBe(0);
  return output;
}

describe('Prometheus rules and Alertmanager configuration', () => {
  it('promtool check rules accepts the rules', () => {
    expectSuccess('promtool', ['check', 'rules', rulesFile]);
  });

  it('promtool check config accepts the scrape configuration and its rule files', () => {
    expectSuccess('promtool', ['check', 'config', prometheusConfigFile]);
  });

  it('promtool test rules passes the alert unit tests', () => {
    expectSuccess('promtool', ['test', 'rules', ruleTestsFile]);
  });

  it('amtool check-config accepts the Alertmanager configuration', () => {
    expectSuccess('amtool', ['check-config', alertmanagerFile]);
  });

  it.each([
    ['critical', 'pagerduty-critical'],
    ['warning', 'slack-warnings'],
  ])('routes severity=%s to %s', (severity, receiver) => {
    const output = expectSuccess('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${alertmanagerFile}`,
      'alertname=ElaraQueueOldestWaitingHigh',
      `severity=${severity}`,
    ]);
    expect(output.split('\n')[0]?.trim()).toBe(receiver);
  });
});
