import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

export interface KubeMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** One rendered manifest: typed just enough to find it; rules cast to kubernetes-models interfaces. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMeta;
  [field: string]: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A pod template wherever it lives: Deployment, StatefulSet, Job, CronJob, DaemonSet or a bare Pod. */
export interface PodTemplate {
  owner: KubeObject;
  ref: string;
  /** `app.kubernetes.io/component` of the pods (or their owner). */
  component: string | undefined;
  labels: Record<string, string>;
  spec: IPodSpec;
}

export const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** `Kind/name`, the way findings and errors name an object. */
export function refOf(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

export function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

interface TemplateShape {
  metadata?: { labels?: Record<string, string> };
  spec?: IPodSpec;
}

const TEMPLATE_PATHS: Record<string, (object: KubeObject) => TemplateShape | undefined> = {
  Deployment: (o) => spec(o)?.template,
  StatefulSet: (o) => spec(o)?.template,
  DaemonSet: (o) => spec(o)?.template,
  ReplicaSet: (o) => spec(o)?.template,
  Job: (o) => spec(o)?.template,
  CronJob: (o) =>
    (spec(o)?.jobTemplate as { spec?: { template?: TemplateShape } } | undefined)?.spec?.template,
  Pod: (o) => ({ metadata: o.metadata, spec: o.spec as IPodSpec }),
};

function spec(object: KubeObject): { template?: TemplateShape; [field: string]: unknown } | undefined {
  return object.spec as { template?: TemplateShape } | undefined;
}

/** Every pod template in the rendered objects, including helm test pods and hook Jobs. */
export function podTemplatesOf(objects: KubeObject[]): PodTemplate[] {
  const templates: PodTemplate[] = [];
  for (const owner of objects) {
    const template = TEMPLATE_PATHS[owner.kind]?.(owner);
    if (!template?.spec) continue;
    const labels = template.metadata?.labels ?? {};
    const component = labels[COMPONENT_LABEL] ?? owner.metadata.labels?.[COMPONENT_LABEL];
    templates.push({ owner, ref: refOf(owner), component, labels, spec: template.spec });
  }
  return templates;
}

/**
 * Whether a LabelSelector selects these labels, as the API server decides: an empty selector selects
 * everything, a missing one nothing; matchLabels and every matchExpression must all hold.
 */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string>) {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return byLabels && (selector.matchExpressions ?? []).every((req) => requirementHolds(req, labels));
}

function requirementHolds(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      throw new Error(`unknown label selector operator ${req.operator}`);
  }
}

/** A Service-style map selector: empty or missing selects nothing. */
export function mapSelectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) {
  if (!selector || Object.keys(selector).length === 0) return false;
  return selectorMatches({ matchLabels: selector }, labels);
}
