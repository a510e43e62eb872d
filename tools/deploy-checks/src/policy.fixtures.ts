import type { KubeObject } from './kube-objects.ts';

/**
 * A small release that meets every policy rule and validates against the schemas, built fresh on each
 * call so tests can break one thing in it. Shaped like the chart: api (HPA), worker (ScaledObject),
 * scheduler (two replicas, Lease RBAC), a migration Job, a helm test Pod and a bundled Postgres.
 */
export function compliantRelease(): KubeObject[] {
  return [
    ...serviceAccounts(),
    deployment('api', { ports: { http: 3000, metrics: 9464 }, probePort: 'http', grace: 40 }),
    deployment('worker', { ports: { metrics: 9465 }, probePort: 'metrics', grace: 90 }),
    deployment('scheduler', { ports: { metrics: 9466 }, probePort: 'metrics', grace: 30, replicas: 2 }),
    migrationJob(),
    testPod(),
    postgres(),
    ...autoscalers(),
    ...['api', 'worker', 'scheduler'].map(pdb),
    service('api', { http: 3000, metrics: 9464 }),
    service('worker', { metrics: 9465 }),
    service('scheduler', { metrics: 9466 }),
    service('postgres', { postgres: 5432 }),
    serviceMonitor(),
    ...networkPolicies(),
    ...schedulerRbac(),
  ];
}

// Tests reach deep into fixtures to break one field; typing every path would only add noise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Editable = any;

/** The object with this kind and component; throws so a typo in a test cannot pass silently. */
export function pick(objects: KubeObject[], kind: string, component: string): Editable {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === `${RELEASE}-elara-${component}`);
  if (!found) throw new Error(`fixture has no ${kind} for ${component}`);
  return found;
}

/** The first container of a fixture's pod template. */
export function mainContainer(objects: KubeObject[], kind: string, component: string): Editable {
  const object = pick(objects, kind, component);
  return kind === 'Pod' ? object.spec.containers[0] : object.spec.template.spec.containers[0];
}

const RELEASE = 'rel';

export function labels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'elara',
    'app.kubernetes.io/instance': RELEASE,
    'app.kubernetes.io/component': component,
  };
}

function object(
  apiVersion: string,
  kind: string,
  component: string,
  rest: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name: `${RELEASE}-elara-${component}`, labels: labels(component) },
    ...rest,
  };
}

function restrictedContainer(name: string, image: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    image,
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    ...extra,
  };
}

function restrictedPodSpec(containers: unknown[], extra: Record<string, unknown> = {}) {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    volumes: [{ name: 'tmp', emptyDir: {} }],
    ...extra,
  };
}

function image(component: string): string {
  return `ghcr.io/elara-security/elara-${component}:0.6.0`;
}

interface AppOptions {
  ports: Record<string, number>;
  probePort: string;
  grace: number;
  replicas?: number;
}

function deployment(component: string, options: AppOptions): KubeObject {
  const isScheduler = component === 'scheduler';
  const container = restrictedContainer(component, image(component), {
    ports: Object.entries(options.ports).map(([name, containerPort]) => ({ name, containerPort })),
    livenessProbe: { httpGet: { path: '/health/live', port: options.probePort } },
    readinessProbe: { httpGet: { path: '/health/ready', port: options.probePort } },
    lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
  });
  const waitForMigrations = restrictedContainer('wait-for-migrations', image('migrate'), {
    args: ['node', 'services/migrator/src/main.ts', 'wait'],
  });
  const spec = restrictedPodSpec([container], {
    serviceAccountName: `${RELEASE}-elara-${component}`,
    automountServiceAccountToken: isScheduler,
    initContainers: [waitForMigrations],
    terminationGracePeriodSeconds: options.grace,
  });
  return object('apps/v1', 'Deployment', component, {
    spec: {
      ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
      selector: { matchLabels: labels(component) },
      template: { metadata: { labels: labels(component) }, spec },
    },
  });
}

function migrationJob(): KubeObject {
  const container = restrictedContainer('migrate', image('migrate'), {
    args: ['node', 'services/migrator/src/main.ts', 'migrate'],
  });
  return object('batch/v1', 'Job', 'migrate', {
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: labels('migrate') },
        spec: restrictedPodSpec([container], { restartPolicy: 'Never' }),
      },
    },
  });
}

function testPod(): KubeObject {
  const container = restrictedContainer('ready', image('api'), {
    command: ['node', '-e', 'fetch(process.env.URL).then((r) => process.exit(r.ok ? 0 : 1))'],
  });
  return object('v1', 'Pod', 'test', { spec: restrictedPodSpec([container], { restartPolicy: 'Never' }) });
}

function postgres(): KubeObject {
  const probe = { exec: { command: ['pg_isready', '-U', 'elara_owner'] } };
  const container = restrictedContainer('postgres', 'postgres:17-bookworm', {
    ports: [{ name: 'postgres', containerPort: 5432 }],
    livenessProbe: { ...probe, periodSeconds: 20 },
    readinessProbe: probe,
  });
  return object('apps/v1', 'StatefulSet', 'postgres', {
    spec: {
      serviceName: `${RELEASE}-elara-postgres`,
      selector: { matchLabels: labels('postgres') },
      template: {
        metadata: { labels: labels('postgres') },
        spec: restrictedPodSpec([container], { securityContext: podSecurity(999) }),
      },
    },
  });
}

function podSecurity(uid: number) {
  return { runAsNonRoot: true, runAsUser: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } };
}

function serviceAccounts(): KubeObject[] {
  return ['api', 'worker', 'scheduler'].map((component) =>
    object('v1', 'ServiceAccount', component, { automountServiceAccountToken: component === 'scheduler' }),
  );
}

function autoscalers(): KubeObject[] {
  const target = (component: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: `${RELEASE}-elara-${component}`,
  });
  const cpu = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
  };
  const query = 'sum(elara_queue_jobs{state=~"waiting|active|prioritized"})';
  return [
    object('autoscaling/v2', 'HorizontalPodAutoscaler', 'api', {
      spec: { scaleTargetRef: target('api'), minReplicas: 2, maxReplicas: 10, metrics: [cpu] },
    }),
    object('keda.sh/v1alpha1', 'ScaledObject', 'worker', {
      spec: {
        scaleTargetRef: { name: `${RELEASE}-elara-worker` },
        minReplicaCount: 2,
        maxReplicaCount: 20,
        triggers: [
          {
            type: 'prometheus',
            metadata: { serverAddress: 'http://prometheus:9090', query, threshold: '50' },
          },
        ],
      },
    }),
  ];
}

function pdb(component: string): KubeObject {
  return object('policy/v1', 'PodDisruptionBudget', component, {
    spec: {
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: { matchLabels: labels(component) },
    },
  });
}

function service(component: string, ports: Record<string, number>): KubeObject {
  return object('v1', 'Service', component, {
    spec: {
      selector: labels(component),
      ports: Object.entries(ports).map(([name, port]) => ({ name, port, targetPort: name })),
    },
  });
}

function serviceMonitor(): KubeObject {
  return object('monitoring.coreos.com/v1', 'ServiceMonitor', 'metrics', {
    spec: {
      selector: {
        matchLabels: { 'app.kubernetes.io/instance': RELEASE },
        matchExpressions: [
          { key: 'app.kubernetes.io/component', operator: 'In', values: ['api', 'worker', 'scheduler'] },
        ],
      },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
    },
  });
}

function networkPolicies(): KubeObject[] {
  const policy = (name: string, podSelector: Record<string, unknown>, spec: Record<string, unknown>) =>
    object('networking.k8s.io/v1', 'NetworkPolicy', name, { spec: { podSelector, ...spec } });
  const dns = { to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] };
  return [
    policy('default-deny', {}, { policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {}, { policyTypes: ['Egress'], egress: [dns] }),
    policy(
      'apps',
      {
        matchLabels: { 'app.kubernetes.io/instance': RELEASE },
        matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'NotIn', values: ['postgres'] }],
      },
      {
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: labels('postgres') } }], ports: [{ port: 5432 }] }],
      },
    ),
    policy(
      'postgres',
      { matchLabels: labels('postgres') },
      {
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'Exists' }],
                },
              },
            ],
          },
        ],
      },
    ),
  ];
}

function schedulerRbac(): KubeObject[] {
  const name = `${RELEASE}-elara-scheduler`;
  return [
    object('rbac.authorization.k8s.io/v1', 'Role', 'scheduler', {
      rules: [
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          resourceNames: ['elara-scheduler'],
          verbs: ['get', 'update'],
        },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      ],
    }),
    object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'scheduler', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: 'elara' }],
    }),
  ];
}
