import { readFileSync } from 'node:fs';
import { TEXT_LABELS } from '../corpus/corpus.types.ts';
import type { TextLabel } from '../corpus/corpus.types.ts';
import type { SoftmaxModel } from './softmax-model.ts';

const FORMAT = 'elara-text-model/1';

/** Scam-probability cut-offs chosen on out-of-fold predictions of the training split only. */
export interface ScamThresholds {
  /** At or above this the model alone is confident enough to call a scam. */
  strong: number;
  /** At or above this the model backs up an explicit fraud signal. */
  supporting: number;
}

export interface TextModelFile {
  format: typeof FORMAT;
  labels: TextLabel[];
  /** SHA-256 of the training data and training code settings: tells whether the model is stale. */
  inputHash: string;
  trainedAt: string;
  examples: Record<TextLabel, number>;
  thresholds: ScamThresholds;
  bits: number;
  bias: number[];
  /** Float32 little-endian weights, base64. */
  weights: string;
}

export function serializeModel(
  model: SoftmaxModel,
  meta: Pick<TextModelFile, 'inputHash' | 'trainedAt' | 'examples' | 'thresholds'>,
): TextModelFile {
  const bytes = new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength);
  return {
    format: FORMAT,
    labels: [...TEXT_LABELS],
    ...meta,
    bits: model.bits,
    bias: Array.from(model.bias),
    weights: Buffer.from(bytes).toString('base64'),
  };
}

export interface LoadedTextModel {
  model: SoftmaxModel;
  file: Omit<TextModelFile, 'weights'>;
}

export function parseModelFile(json: string, where: string): LoadedTextModel {
  const file = JSON.parse(json) as TextModelFile;
  if (file.format !== FORMAT) throw new Error(`${where} is not an ${FORMAT} file`);
  if (file.labels.join() !== TEXT_LABELS.join()) throw new Error(`${where} has labels ${file.labels.join()}`);
  const bytes = Buffer.from(file.weights, 'base64');
  const expected = (1 << file.bits) * TEXT_LABELS.length * 4;
  if (bytes.length !== expected)
    throw new Error(`${where} holds ${bytes.length} weight bytes, expected ${expected}`);
  // Copy into an aligned buffer: a Buffer may start at an offset Float32Array cannot use.
  const weights = new Float32Array(new Uint8Array(bytes).buffer);
  const { weights: _omitted, ...rest } = file;
  return {
    model: { bits: file.bits, classes: TEXT_LABELS.length, weights, bias: Float32Array.from(file.bias) },
    file: rest,
  };
}

export function readModelFile(path: string): LoadedTextModel {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`text model not found at ${path}: run "pnpm build:model" (./dev.sh does this for you)`);
  }
  return parseModelFile(json, path);
}
