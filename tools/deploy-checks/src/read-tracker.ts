/**
 * Finds fields a schema does not know. The kubernetes-models validators are compiled JSON schemas that
 * accept unknown properties, but they read every property their schema declares (`data.replicas`) and
 * enumerate maps (`labels`). So we hand the validator a read-tracking view of the object: a key that
 * was never read, in an object whose other keys were read and which was not enumerated, is a field
 * the API server would drop or reject under strict field validation (a typo such as `runAsNonroot`).
 */
export interface ReadTracker {
  view: unknown;
  /** JSON-pointer-like paths (`/spec/template/foo`) of fields the validator never looked at. */
  unknownFields(): string[];
}

interface ReadLog {
  reads: Map<string, Set<string>>;
  enumerated: Set<string>;
}

export function trackReads(value: unknown): ReadTracker {
  const log: ReadLog = { reads: new Map(), enumerated: new Set() };
  return { view: wrap(value, '', log), unknownFields: () => findUnread(value, '', log) };
}

function wrap(value: unknown, path: string, log: ReadLog): unknown {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const child: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return child;
      const keys = log.reads.get(path) ?? new Set<string>();
      keys.add(key);
      log.reads.set(path, keys);
      return wrap(child, `${path}/${escape(key)}`, log);
    },
    ownKeys(target) {
      log.enumerated.add(path);
      return Reflect.ownKeys(target);
    },
  });
}

function findUnread(value: unknown, path: string, log: ReadLog): string[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  const reads = log.reads.get(path);
  const unknown: string[] = [];
  // Arrays are walked by index; free-form objects (nothing read, nothing enumerated) have no schema.
  const checkKeys = !Array.isArray(value) && !log.enumerated.has(path) && reads !== undefined;
  for (const [key, child] of entries) {
    const childPath = `${path}/${escape(key)}`;
    if (checkKeys && !reads.has(key)) unknown.push(childPath);
    else unknown.push(...findUnread(child, childPath, log));
  }
  return unknown;
}

function escape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
