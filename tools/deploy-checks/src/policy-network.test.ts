import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-objects.ts';
import { checkNetworkPolicies } from './policy-network.ts';
import { compliantRelease, pick } from './policy.fixtures.ts';
import { formatFinding } from './policy.types.ts';

function findingsAfter(edit: (release: KubeObject[]) => void): string[] {
  const release = compliantRelease();
  edit(release);
  return checkNetworkPolicies(release).map(formatFinding);
}

const netpol = (r: KubeObject[], name: string) => pick(r, 'NetworkPolicy', name);
const remove = (r: KubeObject[], object: KubeObject) => r.splice(r.indexOf(object), 1);

describe('checkNetworkPolicies', () => {
  it('passes the compliant release', () => {
    expect(checkNetworkPolicies(compliantRelease())).toEqual([]);
  });

  it('has nothing to say when the chart renders no NetworkPolicies', () => {
    expect(
      findingsAfter((r) => r.splice(0, r.length, ...r.filter((o) => o.kind !== 'NetworkPolicy'))),
    ).toEqual([]);
  });

  it.each<[string, (r: KubeObject[]) => void]>([
    ['missing', (r) => remove(r, netpol(r, 'default-deny'))],
    ['ingress only', (r) => (netpol(r, 'default-deny').spec.policyTypes = ['Ingress'])],
    ['allowing something', (r) => (netpol(r, 'default-deny').spec.ingress = [{}])],
  ])('requires a default deny (flagged when %s)', (_name, edit) => {
    expect(findingsAfter(edit)).toEqual([
      'release: NetworkPolicies are rendered but none denies all ingress and egress [network-policy]',
    ]);
  });

  it('requires every pod template to be selected by a specific policy', () => {
    // The apps policy covers everything but postgres through NotIn; narrowing it to api uncovers the rest.
    const findings = findingsAfter((r) => {
      netpol(r, 'apps').spec.podSelector.matchExpressions = [
        { key: 'app.kubernetes.io/component', operator: 'In', values: ['api'] },
      ];
    });
    expect(findings).toEqual(
      [
        'Deployment/rel-elara-worker',
        'Deployment/rel-elara-scheduler',
        'Job/rel-elara-migrate',
        'Pod/rel-elara-test',
      ].map((ref) => `${ref}: no NetworkPolicy selects its pods specifically [network-policy]`),
    );
  });

  it('does not count an all-pods policy as coverage', () => {
    const findings = findingsAfter((r) => remove(r, netpol(r, 'postgres')));
    expect(findings).toEqual([
      'StatefulSet/rel-elara-postgres: no NetworkPolicy selects its pods specifically [network-policy]',
    ]);
  });

  it('does not count a release-wide policy (say, DNS for every pod) as coverage', () => {
    const findings = findingsAfter((r) => {
      remove(r, netpol(r, 'postgres'));
      netpol(r, 'dns').spec.podSelector = { matchLabels: { 'app.kubernetes.io/instance': 'rel' } };
    });
    expect(findings).toEqual([
      'StatefulSet/rel-elara-postgres: no NetworkPolicy selects its pods specifically [network-policy]',
    ]);
  });

  it('flags a policy whose selector matches no pod', () => {
    const findings = findingsAfter((r) => {
      netpol(r, 'postgres').spec.podSelector.matchLabels['app.kubernetes.io/component'] = 'postgresql';
    });
    expect(findings).toEqual([
      'NetworkPolicy/rel-elara-postgres: podSelector selects no pod in the release [network-policy]',
      'StatefulSet/rel-elara-postgres: no NetworkPolicy selects its pods specifically [network-policy]',
    ]);
  });
});
