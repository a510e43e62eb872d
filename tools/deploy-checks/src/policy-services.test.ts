import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkServices } from './policy-services.ts';
import { compliantRelease, labels, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkServices(release).map(formatFinding);
}

describe('checkServices', () => {
  it('passes the compliant release', () => {
    expect(checkServices(compliantRelease())).toEqual([]);
  });

  it('flags a Service whose selector matches no pod template', () => {
    const findings = findingsAfter(
      (r) => (pick(r, 'Service', 'api').spec.selector['app.kubernetes.io/name'] = 'elara-api'),
    );
    expect(findings).toEqual(['Service/rel-elara-api: selector matches no pod template [service-wiring]']);
  });

  it('flags a Service without a selector', () => {
    const findings = findingsAfter((r) => delete pick(r, 'Service', 'worker').spec.selector);
    expect(findings).toEqual(['Service/rel-elara-worker: selector matches no pod template [service-wiring]']);
  });

  it('flags a named targetPort its pods do not declare', () => {
    const findings = findingsAfter((r) => (pick(r, 'Service', 'api').spec.ports[0].targetPort = 'web'));
    expect(findings).toEqual([
      'Service/rel-elara-api: targetPort "web" is not a named port of its pods [service-wiring]',
    ]);
  });

  it('flags a ServiceMonitor that selects no Service', () => {
    const findings = findingsAfter((r) => {
      pick(r, 'ServiceMonitor', 'metrics').spec.selector.matchLabels['app.kubernetes.io/instance'] = 'other';
    });
    expect(findings).toEqual([
      'ServiceMonitor/rel-elara-metrics: selector matches no Service [service-wiring]',
    ]);
  });

  it('flags a ServiceMonitor endpoint on a port its Services lack, or unnamed', () => {
    const findings = findingsAfter((r) => {
      const endpoints = pick(r, 'ServiceMonitor', 'metrics').spec.endpoints;
      endpoints[0].port = 'prometheus';
      endpoints.push({ targetPort: 9464 });
    });
    expect(findings).toEqual([
      'ServiceMonitor/rel-elara-metrics: endpoint 0 scrapes port "prometheus", which its Services lack [service-wiring]',
      'ServiceMonitor/rel-elara-metrics: endpoint 1 must name a Service port [service-wiring]',
    ]);
  });

  it('checks PodMonitors against container ports', () => {
    const monitor = (port: string): KubeObject => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: `worker-${port}` },
      spec: { selector: { matchLabels: labels('worker') }, podMetricsEndpoints: [{ port }] },
    });
    const findings = findingsAfter((r) => r.push(monitor('metrics'), monitor('http')));
    expect(findings).toEqual([
      'PodMonitor/worker-http: endpoint port "http" is not a named port of its pods [service-wiring]',
    ]);
  });

  describe('Ingress backends', () => {
    const ingress = (service: { name: string; port: { name?: string; number?: number } }): KubeObject => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        rules: [
          {
            host: 'elara.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service } }] },
          },
        ],
      },
    });

    it.each<[string, { name: string; port: { name?: string; number?: number } }]>([
      ['by port name', { name: 'rel-elara-api', port: { name: 'http' } }],
      ['by port number', { name: 'rel-elara-api', port: { number: 3000 } }],
    ])('accepts a backend %s', (_name, backend) => {
      expect(findingsAfter((r) => r.push(ingress(backend)))).toEqual([]);
    });

    it.each<[string, { name: string; port: { name?: string; number?: number } }, string]>([
      [
        'a missing Service',
        { name: 'rel-api', port: { name: 'http' } },
        'backend Service "rel-api" is not rendered',
      ],
      [
        'a missing port name',
        { name: 'rel-elara-api', port: { name: 'web' } },
        'backend port web is not a port of Service/rel-elara-api',
      ],
      [
        'a missing port number',
        { name: 'rel-elara-api', port: { number: 80 } },
        'backend port 80 is not a port of Service/rel-elara-api',
      ],
    ])('flags %s', (_name, backend, message) => {
      expect(findingsAfter((r) => r.push(ingress(backend)))).toEqual([
        `Ingress/web: ${message} [service-wiring]`,
      ]);
    });
  });
});
