import type { FeatureVector } from '../features/feature-hasher.ts';

/** Multinomial logistic regression over hashed features. `weights[bucket * classes + k]`. */
export interface SoftmaxModel {
  bits: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export function createSoftmaxModel(bits: number, classes: number): SoftmaxModel {
  return {
    bits,
    classes,
    weights: new Float32Array((1 << bits) * classes),
    bias: new Float32Array(classes),
  };
}

/** Class probabilities for one feature vector, written into `out` (length `classes`). */
export function predictInto(model: SoftmaxModel, features: FeatureVector, out: Float64Array): Float64Array {
  const { classes, weights, bias } = model;
  for (let k = 0; k < classes; k++) out[k] = bias[k] as number;
  for (const index of features.indices) {
    const base = index * classes;
    for (let k = 0; k < classes; k++)
      out[k] = (out[k] as number) + features.value * (weights[base + k] as number);
  }
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, out[k] as number);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < classes; k++) out[k] = (out[k] as number) / sum;
  return out;
}
