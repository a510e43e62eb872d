import {
  ApiException,
  CoordinationV1Api,
  Observable,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
  type V1Lease,
} from '@kubernetes/client-node';

/** Where the lease lives. */
export interface LeaseLocation {
  namespace: string;
  name: string;
}

/** A failed Lease API call, with the HTTP status when the server answered (0 when it did not). */
export class LeaseApiError extends Error {
  readonly status: number;
  constructor(action: string, status: number, detail: string, options?: ErrorOptions) {
    super(`lease ${action} failed: ${status ? `HTTP ${status} ` : ''}${detail}`, options);
    this.name = 'LeaseApiError';
    this.status = status;
  }
}

/** kube-apiserver's message from a Status body, else the client's (its first line; headers follow). */
function errorDetail(error: unknown): string {
  if (error instanceof ApiException) {
    const body = error.body as { message?: unknown } | undefined;
    if (typeof body?.message === 'string') return body.message;
    return /^Message: (.*)$/m.exec(error.message)?.[1] ?? 'no message';
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function wrap(action: string, error: unknown): LeaseApiError {
  const status = error instanceof ApiException ? error.code : 0;
  return new LeaseApiError(action, status, errorDetail(error), { cause: error });
}

/** Per-call options that make the request abortable (the client has no timeout of its own). */
function abortable(signal: AbortSignal): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(signal);
      return new Observable(Promise.resolve(context));
    },
    post: (context) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/**
 * The three Lease calls leader election needs (RBAC: get and update on the one lease, create in the
 * namespace), each abortable, with errors turned into {@link LeaseApiError}.
 */
export function createLeaseClient(kubeConfig: KubeConfig, { namespace, name }: LeaseLocation) {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  return {
    /** The lease, or null when it does not exist. */
    async get(signal: AbortSignal): Promise<V1Lease | null> {
      try {
        return await api.readNamespacedLease({ name, namespace }, abortable(signal));
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return null;
        throw wrap('read', error);
      }
    },
    /** Creates the lease; 409 (someone created it first) is a {@link LeaseApiError} with status 409. */
    async create(body: V1Lease, signal: AbortSignal): Promise<V1Lease> {
      try {
        return await api.createNamespacedLease({ namespace, body }, abortable(signal));
      } catch (error) {
        throw wrap('create', error);
      }
    },
    /** Replaces the lease if its resourceVersion still matches; 409 otherwise. */
    async replace(body: V1Lease, signal: AbortSignal): Promise<V1Lease> {
      try {
        return await api.replaceNamespacedLease({ name, namespace, body }, abortable(signal));
      } catch (error) {
        throw wrap('update', error);
      }
    },
  };
}

export type LeaseClient = ReturnType<typeof createLeaseClient>;
