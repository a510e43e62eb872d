import { describe, expect, it } from 'vitest';
import {
  mapSelectorMatches,
  podTemplatesOf,
  refOf,
  selectorMatches,
  type KubeObject,
} from './kube-objects.ts';

const labels = { app: 'elara', component: 'api', tier: 'web' };

describe('selectorMatches', () => {
  it.each<[string, object | undefined, boolean]>([
    ['an empty selector (everything)', {}, true],
    ['a missing selector (nothing)', undefined, false],
    ['matching matchLabels', { matchLabels: { app: 'elara', component: 'api' } }, true],
    ['one differing label', { matchLabels: { app: 'elara', component: 'worker' } }, false],
    ['In', { matchExpressions: [{ key: 'component', operator: 'In', values: ['api', 'worker'] }] }, true],
    [
      'In without the value',
      { matchExpressions: [{ key: 'component', operator: 'In', values: ['worker'] }] },
      false,
    ],
    ['In on a missing key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn', { matchExpressions: [{ key: 'component', operator: 'NotIn', values: ['postgres'] }] }, true],
    [
      'NotIn with the value',
      { matchExpressions: [{ key: 'component', operator: 'NotIn', values: ['api'] }] },
      false,
    ],
    [
      'NotIn on a missing key',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists on a missing key', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [
      'labels and expressions together, one failing',
      { matchLabels: { app: 'elara' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      false,
    ],
  ])('%s', (_name, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('rejects an operator it does not know rather than guessing', () => {
    expect(() =>
      selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, labels),
    ).toThrow(/unknown label selector operator Gt/);
  });
});

describe('mapSelectorMatches', () => {
  it('treats an empty Service selector as selecting nothing', () => {
    expect(mapSelectorMatches({}, labels)).toBe(false);
    expect(mapSelectorMatches(undefined, labels)).toBe(false);
    expect(mapSelectorMatches({ component: 'api' }, labels)).toBe(true);
  });
});

describe('podTemplatesOf', () => {
  const pod = (component: string) => ({
    metadata: { labels: { 'app.kubernetes.io/component': component } },
    spec: { containers: [{ name: component }] },
  });
  const objects: KubeObject[] = [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: pod('api') } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { template: pod('postgres') },
    },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: pod('migrate') } },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: pod('cleanup') } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ...pod('test').metadata },
      spec: pod('test').spec,
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: {} },
  ];

  it('finds every kind of pod template with its component', () => {
    expect(podTemplatesOf(objects).map((t) => `${t.ref} ${t.component}`)).toEqual([
      'Deployment/d api',
      'StatefulSet/s postgres',
      'Job/j migrate',
      'CronJob/c cleanup',
      'Pod/p test',
    ]);
  });

  it('names objects as Kind/name', () => {
    expect(refOf(objects[5]!)).toBe('Service/svc');
  });
});
