import { randomUUID } from 'node:crypto';
import { kubeStatus, type KubeStatus } from './kube-status.ts';

/** A Lease as the fake stores and returns it (JSON, as on the wire). */
export interface StoredLease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: LeaseSpecJson;
}

export interface LeaseSpecJson {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number | null;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number | null;
}

export type StoreResult = { status: number; lease: StoredLease } | { status: number; error: KubeStatus };

/** `metav1.MicroTime` decodes only RFC 3339 with exactly six fractional digits (`RFC3339Micro`). */
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(?:Z|[+-]\d{2}:\d{2})$/;

interface LeaseBody {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    resourceVersion?: unknown;
    labels?: unknown;
    annotations?: unknown;
  };
  spec?: Record<string, unknown>;
}

/** Decoding problems kube-apiserver answers 400 for (wrong kind, a time it cannot parse). */
function decodeProblem(body: LeaseBody): string | null {
  if (body.kind !== undefined && body.kind !== 'Lease') return `kind ${String(body.kind)} is not Lease`;
  if (body.apiVersion !== undefined && body.apiVersion !== 'coordination.k8s.io/v1')
    return `apiVersion ${String(body.apiVersion)} is not coordination.k8s.io/v1`;
  for (const field of ['acquireTime', 'renewTime']) {
    const value = body.spec?.[field];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !MICRO_TIME.test(value)))
      return `Lease in version "v1" cannot be handled as a Lease: parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05.000000Z07:00"`;
  }
  return null;
}

/** Field validation kube-apiserver answers 422 for. */
function validationProblem(spec: Record<string, unknown>): string | null {
  const duration = spec.leaseDurationSeconds;
  if (
    duration !== undefined &&
    duration !== null &&
    !(Number.isInteger(duration) && (duration as number) > 0)
  )
    return 'spec.leaseDurationSeconds: Invalid value: must be greater than 0';
  const transitions = spec.leaseTransitions;
  if (
    transitions !== undefined &&
    transitions !== null &&
    !(Number.isInteger(transitions) && (transitions as number) >= 0)
  )
    return 'spec.leaseTransitions: Invalid value: must be greater than or equal to 0';
  const holder = spec.holderIdentity;
  if (holder !== undefined && holder !== null && typeof holder !== 'string')
    return 'spec.holderIdentity: Invalid value: must be a string';
  return null;
}

function pickSpec(spec: Record<string, unknown>): LeaseSpecJson {
  const fields = ['holderIdentity', 'leaseDurationSeconds', 'acquireTime', 'renewTime', 'leaseTransitions'];
  return Object.fromEntries(
    fields.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]]),
  ) as LeaseSpecJson;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, string>) : undefined;
}

/**
 * Leases in memory with kube-apiserver's write rules: a create of an existing name is 409
 * AlreadyExists; a replace carrying a stale `metadata.resourceVersion` is 409 Conflict (Leases allow
 * unconditional updates, so a replace without one overwrites); every write bumps one global
 * resourceVersion counter, as etcd's revision does.
 */
export function createLeaseStore() {
  const leases = new Map<string, StoredLease>();
  let revision = 1000;
  const key = (namespace: string, name: string) => `${namespace}/${name}`;

  function check(namespace: string, body: LeaseBody): KubeStatus | null {
    const problem = decodeProblem(body);
    if (problem) return kubeStatus.badRequest(problem);
    const ns = body.metadata?.namespace;
    if (ns !== undefined && ns !== namespace)
      return kubeStatus.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    const name = typeof body.metadata?.name === 'string' ? body.metadata.name : '';
    const invalid = validationProblem(body.spec ?? {});
    return invalid ? kubeStatus.invalid(name, invalid) : null;
  }

  function write(namespace: string, name: string, body: LeaseBody, previous?: StoredLease): StoredLease {
    revision += 1;
    const lease: StoredLease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace,
        uid: previous?.metadata.uid ?? randomUUID(),
        resourceVersion: String(revision),
        creationTimestamp:
          previous?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        ...(stringMap(body.metadata?.labels) ? { labels: stringMap(body.metadata?.labels) } : {}),
        ...(stringMap(body.metadata?.annotations)
          ? { annotations: stringMap(body.metadata?.annotations) }
          : {}),
      },
      spec: pickSpec(body.spec ?? {}),
    };
    leases.set(key(namespace, name), lease);
    return lease;
  }

  return {
    get(namespace: string, name: string): StoredLease | undefined {
      const lease = leases.get(key(namespace, name));
      return lease && structuredClone(lease);
    },

    create(namespace: string, body: LeaseBody): StoreResult {
      const name = body.metadata?.name;
      if (typeof name !== 'string' || name.length === 0)
        return {
          status: 422,
          error: kubeStatus.invalid('', 'metadata.name: Required value: name or generateName is required'),
        };
      if (body.metadata?.resourceVersion)
        return {
          status: 400,
          error: kubeStatus.badRequest('resourceVersion should not be set on objects to be created'),
        };
      const problem = check(namespace, body);
      if (problem) return { status: problem.code, error: problem };
      if (leases.has(key(namespace, name))) return { status: 409, error: kubeStatus.alreadyExists(name) };
      return { status: 201, lease: structuredClone(write(namespace, name, body)) };
    },

    replace(namespace: string, name: string, body: LeaseBody): StoreResult {
      if (body.metadata?.name !== name)
        return {
          status: 400,
          error: kubeStatus.badRequest(
            `the name of the object (${String(body.metadata?.name)}) does not match the name on the URL (${name})`,
          ),
        };
      const problem = check(namespace, body);
      if (problem) return { status: problem.code, error: problem };
      const current = leases.get(key(namespace, name));
      if (!current) return { status: 404, error: kubeStatus.notFound(name) };
      const expected = body.metadata.resourceVersion;
      if (expected !== undefined && expected !== '' && expected !== current.metadata.resourceVersion)
        return { status: 409, error: kubeStatus.conflict(name) };
      return { status: 200, lease: structuredClone(write(namespace, name, body, current)) };
    },

    /** Puts a lease in place as if another client had written it (test set-up). */
    seed(namespace: string, name: string, spec: LeaseSpecJson): StoredLease {
      return structuredClone(
        write(
          namespace,
          name,
          { metadata: { name }, spec: spec as Record<string, unknown> },
          leases.get(key(namespace, name)),
        ),
      );
    },
  };
}

export type LeaseStore = ReturnType<typeof createLeaseStore>;
