/**
 * The `Status` objects kube-apiserver answers errors with (`k8s.io/apimachinery` `metav1.Status`),
 * shaped as the real server writes them for Leases, so clients see what they would in a cluster.
 */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name: string; group: string; kind: string };
  code: number;
}

const GROUP = 'coordination.k8s.io';

function failure(code: number, reason: string, message: string, name?: string): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(name === undefined ? {} : { details: { name, group: GROUP, kind: 'leases' } }),
    code,
  };
}

export const kubeStatus = {
  unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
  notFound: (name: string) => failure(404, 'NotFound', `leases.${GROUP} "${name}" not found`, name),
  alreadyExists: (name: string) =>
    failure(409, 'AlreadyExists', `leases.${GROUP} "${name}" already exists`, name),
  conflict: (name: string) =>
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on leases.${GROUP} "${name}": the object has been modified; ` +
        'please apply your changes to the latest version and try again',
      name,
    ),
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  invalid: (name: string, message: string) =>
    failure(422, 'Invalid', `Lease.${GROUP} "${name}" is invalid: ${message}`, name),
  methodNotAllowed: () => failure(405, 'MethodNotAllowed', 'the server does not allow this method'),
  internalError: () => failure(500, 'InternalError', 'Internal error occurred: injected fault'),
};
