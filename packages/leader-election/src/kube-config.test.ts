import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inClusterKubeConfig } from './kube-config.ts';
import { createLeaseLeaderElection } from './lease-leader-election.ts';
import { startFakeLeaseApi, type FakeLeaseApi } from './testing/fake-lease-api.ts';

/*
 * The production path: in-cluster credentials (ServiceAccount token and CA under a relocated
 * `/var/run/secrets/kubernetes.io/serviceaccount`, API server from KUBERNETES_SERVICE_HOST/PORT)
 * against the fake Lease API over HTTPS, with a certificate made for the test by openssl.
 */

const TOKEN = 'projected-service-account-token';
let root: string;
let api: FakeLeaseApi;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'elara-in-cluster-'));
  const key = join(root, 'server.key');
  const cert = join(root, 'server.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=kubernetes',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const serviceAccount = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  mkdirSync(serviceAccount, { recursive: true });
  writeFileSync(join(serviceAccount, 'token'), TOKEN);
  writeFileSync(join(serviceAccount, 'ca.crt'), readFileSync(cert));
  writeFileSync(join(serviceAccount, 'namespace'), 'elara');
  api = await startFakeLeaseApi({
    token: TOKEN,
    tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') },
  });
  vi.stubEnv('KUBERNETES_SERVICE_HOST', '127.0.0.1');
  vi.stubEnv('KUBERNETES_SERVICE_PORT', String(api.port));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

describe('inClusterKubeConfig', () => {
  it('talks to the API server over TLS with the ServiceAccount token and CA', async () => {
    let leading = false;
    const errors: Error[] = [];
    const election = createLeaseLeaderElection({
      kubeConfig: inClusterKubeConfig(root),
      namespace: 'elara',
      leaseName: 'elara-scheduler',
      identity: 'pod-a',
      leaseDurationSeconds: 1,
      renewDeadlineSeconds: 0.6,
      retryPeriodSeconds: 0.1,
      onStartedLeading: () => void (leading = true),
      onStoppedLeading: () => undefined,
      onError: (error) => void errors.push(error),
    });
    election.start();
    await vi.waitFor(() => expect(leading).toBe(true), { timeout: 3_000 });
    await election.stop();
    expect(errors).toEqual([]);
    expect(api.lease('elara', 'elara-scheduler')?.spec).toMatchObject({
      holderIdentity: '',
      leaseTransitions: 0,
    });
    expect(api.requests().every((r) => r.outcome !== 401)).toBe(true);
  });

  it('refuses to start outside a pod (no ServiceAccount token)', () => {
    expect(() => inClusterKubeConfig(join(root, 'nowhere'))).toThrow(/no ServiceAccount token/);
  });
});
