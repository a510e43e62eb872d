import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLeaseApi, type FakeLeaseApi } from './fake-lease-api.ts';

/*
 * The fake must answer as kube-apiserver does, or the leader-election tests prove nothing: these
 * pin the wire behaviour (status codes, Status bodies, resourceVersion rules) with plain fetch.
 */

const TOKEN = 'fake-token';
const NS = 'elara';
let api: FakeLeaseApi;

beforeAll(async () => {
  api = await startFakeLeaseApi({ token: TOKEN });
});
afterAll(() => api.close());

const leasesUrl = (name?: string) =>
  `${api.url}/apis/coordination.k8s.io/v1/namespaces/${NS}/leases${name ? `/${name}` : ''}`;

/** A Lease or a Status, as answered. */
interface WireBody {
  kind?: string;
  reason?: string;
  metadata: { name?: string; resourceVersion: string; uid: string };
}

async function call(method: string, url: string, body?: unknown, token = TOKEN) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as WireBody };
}

const lease = (name: string, spec: Record<string, unknown> = {}, resourceVersion?: string) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name, ...(resourceVersion ? { resourceVersion } : {}) },
  spec: {
    holderIdentity: 'pod-a',
    leaseDurationSeconds: 15,
    renewTime: '2030-01-01T00:00:00.000000Z',
    ...spec,
  },
});

describe('fake Lease API', () => {
  it('answers 401 with a Status without the right bearer token', async () => {
    const res = await call('GET', leasesUrl('any'), undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('answers 404 NotFound for a lease that does not exist', async () => {
    const res = await call('GET', leasesUrl('absent'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      details: { name: 'absent', group: 'coordination.k8s.io', kind: 'leases' },
    });
  });

  it('creates once (201), then answers 409 AlreadyExists', async () => {
    const created = await call('POST', leasesUrl(), lease('once'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({
      name: 'once',
      namespace: NS,
      resourceVersion: expect.any(String),
    });
    const again = await call('POST', leasesUrl(), lease('once'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists' });
  });

  it('bumps resourceVersion on each write and refuses a stale one with 409 Conflict', async () => {
    const created = await call('POST', leasesUrl(), lease('rv'));
    const v1 = created.body.metadata.resourceVersion;
    const updated = await call('PUT', leasesUrl('rv'), lease('rv', { holderIdentity: 'pod-b' }, v1));
    expect(updated.status).toBe(200);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(Number(v1));
    expect(updated.body.metadata.uid).toBe(created.body.metadata.uid);
    const stale = await call('PUT', leasesUrl('rv'), lease('rv', { holderIdentity: 'pod-c' }, v1));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict' });
    expect(api.lease(NS, 'rv')?.spec.holderIdentity).toBe('pod-b');
  });

  it('refuses times that are not six-digit MicroTime (400) and a zero duration (422)', async () => {
    const millis = await call(
      'POST',
      leasesUrl(),
      lease('bad-time', { renewTime: '2030-01-01T00:00:00.000Z' }),
    );
    expect(millis.status).toBe(400);
    const zero = await call('POST', leasesUrl(), lease('bad-duration', { leaseDurationSeconds: 0 }));
    expect(zero.status).toBe(422);
    expect(zero.body).toMatchObject({ reason: 'Invalid' });
    expect(api.lease(NS, 'bad-time')).toBeUndefined();
  });

  it('answers 404 to a replace of a missing lease and 400 to a name that differs from the URL', async () => {
    expect((await call('PUT', leasesUrl('missing'), lease('missing'))).status).toBe(404);
    expect((await call('PUT', leasesUrl('one'), lease('other'))).status).toBe(400);
  });

  it('injects faults: 500 Status, then healed', async () => {
    api.setFault('error');
    const failed = await call('GET', leasesUrl('rv'));
    api.setFault(null);
    expect(failed.status).toBe(500);
    expect((await call('GET', leasesUrl('rv'))).status).toBe(200);
  });
});
