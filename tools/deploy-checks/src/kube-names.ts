import { refOf, type KubeObject } from './kube-objects.ts';

/**
 * What the API server checks on names and labels but the JSON schemas do not: a long release name
 * can render a Service name over 63 characters or a label value over 63, which only fails at apply.
 */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Services (and their DNS names) need an RFC 1035 label: a letter first, no dots. */
const DNS_LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const MAX_LABEL = 63;
const MAX_SUBDOMAIN = 253;

export function nameErrors(object: KubeObject): string[] {
  const ref = refOf(object);
  const { name, labels = {} } = object.metadata;
  const errors: string[] = [];
  if (object.kind === 'Service') {
    if (name.length > MAX_LABEL || !DNS_LABEL_1035.test(name)) {
      errors.push(
        `metadata.name must be a DNS label of at most ${MAX_LABEL} characters starting with a letter`,
      );
    }
  } else if (name.length > MAX_SUBDOMAIN || !DNS_SUBDOMAIN.test(name)) {
    errors.push('metadata.name must be a lowercase DNS subdomain');
  }
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) errors.push(`label key "${key}" is invalid`);
    if (typeof value !== 'string' || value.length > MAX_LABEL || !LABEL_VALUE.test(value)) {
      errors.push(
        `label "${key}" has an invalid value (at most ${MAX_LABEL} characters, alphanumeric at both ends)`,
      );
    }
  }
  return errors.map((error) => `${ref}: ${error}`);
}

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && name.length <= MAX_LABEL && LABEL_NAME.test(name);
}
