import { execFile } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './kube-objects.ts';

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface HelmValuesInput {
  /** Values files, passed in order as `-f`. */
  valuesFiles?: string[];
  /** `--set key=value` pairs, applied after the files. */
  set?: string[];
  timeoutMs?: number;
}

export interface HelmTemplateInput extends HelmValuesInput {
  release: string;
  namespace: string;
  /** Extra `--api-versions` so templates gated on CRDs (KEDA, prometheus-operator) render offline. */
  apiVersions?: string[];
  kubeVersion?: string;
}

/** A helm invocation that exited non-zero; `stderr` carries helm's own explanation. */
export class HelmError extends Error {
  readonly args: string[];
  readonly stderr: string;
  readonly exitCode: number | null;

  constructor(args: string[], stderr: string, exitCode: number | null, cause?: unknown) {
    super(`helm ${args.join(' ')} failed (exit ${exitCode ?? 'none'}):\n${stderr.trim()}`, { cause });
    this.args = args;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }
}

/**
 * `helm lint --strict`: warnings fail too. Resolves with helm's report. Lint runs templates in a
 * lenient mode where `required` and `fail` only log, so guards must be tested with `helmTemplate`.
 */
export function helmLint(helm: string, chart: string, input: HelmValuesInput = {}): Promise<string> {
  return runHelm(helm, ['lint', '--strict', chart, ...valueArgs(input)], input.timeoutMs);
}

/** `helm template` (hooks and test pods included), as the rendered YAML text. */
export function helmTemplate(helm: string, chart: string, input: HelmTemplateInput): Promise<string> {
  const args = ['template', input.release, chart, '--namespace', input.namespace, ...valueArgs(input)];
  for (const apiVersion of input.apiVersions ?? []) args.push('--api-versions', apiVersion);
  if (input.kubeVersion) args.push('--kube-version', input.kubeVersion);
  return runHelm(helm, args, input.timeoutMs);
}

/** Renders the chart and parses every non-empty document into an object. */
export async function renderChart(
  helm: string,
  chart: string,
  input: HelmTemplateInput,
): Promise<KubeObject[]> {
  return parseManifests(await helmTemplate(helm, chart, input));
}

/**
 * Parses multi-document YAML. Empty documents (a template that rendered nothing) are skipped; a
 * document that is not a mapping with apiVersion, kind and metadata.name is an error, not a skip.
 */
export function parseManifests(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]!.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    objects.push(asKubeObject(value));
  }
  return objects;
}

function asKubeObject(value: unknown): KubeObject {
  const candidate = value as Partial<KubeObject>;
  const ok =
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata?.name === 'string';
  if (!ok) throw new Error(`not a Kubernetes object: ${JSON.stringify(value).slice(0, 200)}`);
  return value as KubeObject;
}

function valueArgs(input: HelmValuesInput): string[] {
  return [
    ...(input.valuesFiles ?? []).flatMap((file) => ['--values', file]),
    ...(input.set ?? []).flatMap((pair) => ['--set', pair]),
  ];
}

function runHelm(helm: string, args: string[], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(helm, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = typeof error.code === 'number' ? error.code : null;
      const timedOut = error.killed && code === null ? `timed out after ${timeoutMs} ms\n` : '';
      // helm lint reports its findings on stdout, so keep both streams in the error.
      reject(new HelmError(args, `${timedOut}${stderr}${stdout ? `\n${stdout}` : ''}`, code, error));
    });
  });
}
