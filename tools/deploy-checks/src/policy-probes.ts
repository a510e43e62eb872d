import type { IContainer } from 'kubernetes-models/v1/Container';
import { podTemplatesOf, type KubeObject, type PodTemplate } from './kube-objects.ts';
import type { Finding } from './policy.types.ts';

/** Elara's own deployables: their probes and shutdown follow the deployment contract. */
export const APP_COMPONENTS = ['api', 'worker', 'scheduler'];
const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const LIVENESS_PATH = '/health/live';
const READINESS_PATH = '/health/ready';
/** What Kubernetes uses when a pod spec leaves terminationGracePeriodSeconds out. */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * Long-running pods have liveness and readiness probes, and the two differ: liveness asks only whether
 * the process is alive (`/health/live` for Elara's components, never Postgres or Redis, or a database
 * blip would restart every pod), readiness may check dependencies. Elara's components pause in preStop
 * so endpoints drain before SIGTERM, and every preStop pause ends well within the grace period.
 */
export function checkProbes(objects: KubeObject[]): Finding[] {
  const templates = podTemplatesOf(objects);
  return [
    ...templates.filter((t) => LONG_RUNNING_KINDS.includes(t.owner.kind)).flatMap(probeFindings),
    ...templates.flatMap(shutdownFindings),
  ];
}

function isApp(template: PodTemplate): boolean {
  return template.component !== undefined && APP_COMPONENTS.includes(template.component);
}

function probeFindings(template: PodTemplate): Finding[] {
  return template.spec.containers.flatMap((container) =>
    probeProblems(container, isApp(template)).map((problem) => ({
      rule: 'probes',
      ref: template.ref,
      message: `container "${container.name}": ${problem}`,
    })),
  );
}

function probeProblems(container: IContainer, app: boolean): string[] {
  const { livenessProbe: live, readinessProbe: ready } = container;
  if (!live || !ready) return [`needs ${!live ? 'a livenessProbe' : 'a readinessProbe'}`];
  const problems: string[] = [];
  const livePath = live.httpGet?.path;
  const readyPath = ready.httpGet?.path;
  if (livePath !== undefined && livePath === readyPath) {
    problems.push(`liveness and readiness both probe ${livePath}; liveness must not check dependencies`);
  }
  if (app && livePath !== LIVENESS_PATH) problems.push(`livenessProbe must GET ${LIVENESS_PATH}`);
  if (app && readyPath !== READINESS_PATH) problems.push(`readinessProbe must GET ${READINESS_PATH}`);
  return problems;
}

function shutdownFindings(template: PodTemplate): Finding[] {
  const grace = template.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  const problems: string[] = [];
  for (const container of template.spec.containers) {
    const preStop = container.lifecycle?.preStop;
    if (!preStop && isApp(template)) problems.push(`container "${container.name}" needs a preStop pause`);
    const pause = preStop ? preStopSleepSeconds(preStop) : undefined;
    if (pause !== undefined && pause >= grace) {
      problems.push(
        `container "${container.name}" pauses ${pause}s in preStop but terminationGracePeriodSeconds is ${grace}`,
      );
    }
  }
  return problems.map((message) => ({ rule: 'graceful-shutdown', ref: template.ref, message }));
}

type PreStop = NonNullable<NonNullable<IContainer['lifecycle']>['preStop']>;

/** Seconds a preStop hook sleeps: the `sleep` action, or an exec of `sleep N` (directly or via sh -c). */
export function preStopSleepSeconds(preStop: PreStop): number | undefined {
  if (preStop.sleep) return preStop.sleep.seconds;
  const command = (preStop.exec?.command ?? []).join(' ');
  const match = /(?:^|[\s/;&])sleep\s+(\d+)/.exec(command);
  return match ? Number(match[1]) : undefined;
}
