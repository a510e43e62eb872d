import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

export { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Credentials inside a pod: the API server from `KUBERNETES_SERVICE_HOST`/`_PORT` (set by the
 * kubelet; read by the client library, not by our config), the ServiceAccount's CA, and its token
 * file, which the client re-reads so rotated (bound) tokens keep working. `pathPrefix` relocates
 * `/var/run/secrets/kubernetes.io/serviceaccount` (tests). Throws outside a pod, rather than failing
 * every request later.
 */
export function inClusterKubeConfig(pathPrefix = ''): KubeConfig {
  if (!existsSync(`${pathPrefix}${SERVICE_ACCOUNT_TOKEN}`))
    throw new Error(
      `no ServiceAccount token at ${pathPrefix}${SERVICE_ACCOUNT_TOKEN}: not in a Kubernetes pod, or ` +
        'automountServiceAccountToken is off',
    );
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster(pathPrefix);
  return kubeConfig;
}

export interface StaticKubeConfigInput {
  /** API server origin, e.g. `https://10.0.0.1:443` or a local fake's `http://127.0.0.1:port`. */
  server: string;
  /** Bearer token sent on every request. */
  token: string;
  /** PEM of the CA that signed the server's certificate (https only). */
  caPem?: string;
}

/** A fixed server and bearer token: for tests against a local Lease API, or tools outside a cluster. */
export function staticKubeConfig({ server, token, caPem }: StaticKubeConfigInput): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'cluster',
        server,
        // The client refuses plain http unless told to skip TLS checks, of which http has none.
        skipTLSVerify: server.startsWith('http:'),
        ...(caPem ? { caData: Buffer.from(caPem).toString('base64') } : {}),
      },
    ],
    users: [{ name: 'user', token }],
    contexts: [{ name: 'context', cluster: 'cluster', user: 'user' }],
    currentContext: 'context',
  });
  return kubeConfig;
}
