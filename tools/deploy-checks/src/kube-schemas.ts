import * as keda from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as monitoring from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as coordination from 'kubernetes-models/coordination.k8s.io/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as scheduling from 'kubernetes-models/scheduling.k8s.io/v1';
import * as core from 'kubernetes-models/v1';
import { nameErrors } from './kube-names.ts';
import { refOf, type KubeObject } from './kube-objects.ts';
import { trackReads } from './read-tracker.ts';

/**
 * The API groups a chart may render, at their current stable versions. Deprecated versions
 * (autoscaling/v1, policy/v1beta1, …) are deliberately absent so that rendering one fails.
 */
const MODEL_MODULES: Record<string, unknown>[] = [
  core,
  apps,
  batch,
  policy,
  networking,
  autoscaling,
  rbac,
  coordination,
  scheduling,
  keda,
  monitoring,
];

interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(): void };
}

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

const models = indexModels();

function indexModels(): Map<string, ModelClass> {
  const index = new Map<string, ModelClass>();
  for (const module of MODEL_MODULES) {
    for (const exported of Object.values(module)) {
      if (isModelClass(exported)) index.set(typeKey(exported.apiVersion, exported.kind), exported);
    }
  }
  return index;
}

function isModelClass(value: unknown): value is ModelClass {
  const candidate = value as Partial<ModelClass> | undefined;
  return (
    typeof value === 'function' &&
    typeof candidate?.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.prototype?.validate === 'function'
  );
}

function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

/** Whether an apiVersion + kind has a schema here. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return models.has(typeKey(apiVersion, kind));
}

/**
 * Validates each object against the schema for its apiVersion and kind, returning readable errors
 * (`<kind>/<name>: <path> <message>`). An unknown apiVersion/kind and an unknown field are errors too,
 * and so are names and labels the API server would refuse.
 */
export function validateObjects(objects: KubeObject[]): string[] {
  return objects.flatMap(validateObject);
}

/**
 * kubernetes-models' schema generator drops every property named `description` (it takes them for
 * documentation), so its validators never read a real one. The one we render is PriorityClass's,
 * at the top level; a `description` anywhere else is still reported.
 */
export function validateObject(object: KubeObject): string[] {
  const ref = refOf(object);
  const model = models.get(typeKey(object.apiVersion, object.kind));
  if (!model) return [`${ref}: no schema for apiVersion "${object.apiVersion}" kind "${object.kind}"`];
  const tracker = trackReads(object);
  const errors: string[] = [];
  try {
    model.prototype.validate.call(tracker.view);
  } catch (error) {
    const details = (error as { errors?: AjvError[] }).errors;
    if (!details) throw error;
    errors.push(
      ...details.map((detail) => `${ref}: ${readablePath(detail.instancePath)} ${describe(detail)}`),
    );
  }
  for (const field of tracker.unknownFields()) {
    if (field === '/description') continue;
    errors.push(`${ref}: ${readablePath(field)} is not a known field`);
  }
  return [...errors, ...nameErrors(object)];
}

function describe(error: AjvError): string {
  const message = error.message ?? 'is invalid';
  const allowed = error.params?.allowedValues;
  return Array.isArray(allowed) ? `${message}: ${allowed.join(', ')}` : message;
}

/** `/spec/containers/0/ports/0` → `spec.containers[0].ports[0]`; keys with dots are quoted. */
export function readablePath(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((key, i) => {
      if (/^\d+$/.test(key)) return `[${key}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}
