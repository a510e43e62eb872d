import type { FeatureVector } from '../features/feature-hasher.ts';
import { createSoftmaxModel, predictInto } from '../model/softmax-model.ts';
import type { SoftmaxModel } from '../model/softmax-model.ts';

export interface TrainingExample {
  features: FeatureVector;
  label: number;
  /** Loss weight, e.g. to balance classes. */
  weight: number;
}

export interface TrainingOptions {
  bits: number;
  classes: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights an example touches (lazy regularisation). */
  l2: number;
  seed: number;
}

/** Small deterministic PRNG (mulberry32), so training gives the same model on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffledOrder(length: number, random: () => number): Uint32Array {
  const order = Uint32Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

/**
 * Fits the model with AdaGrad on weighted cross-entropy. Deterministic for the same examples,
 * options and seed: the order of examples per epoch comes from the seeded PRNG.
 */
export function trainSoftmax(examples: readonly TrainingExample[], options: TrainingOptions): SoftmaxModel {
  const model = createSoftmaxModel(options.bits, options.classes);
  const { classes, weights, bias } = model;
  const squaredGradients = new Float32Array(weights.length).fill(1e-8);
  const biasSquaredGradients = new Float64Array(classes).fill(1e-8);
  const probabilities = new Float64Array(classes);
  const random = mulberry32(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const position of shuffledOrder(examples.length, random)) {
      const example = examples[position] as TrainingExample;
      predictInto(model, example.features, probabilities);
      for (let k = 0; k < classes; k++) {
        const error = ((probabilities[k] as number) - (k === example.label ? 1 : 0)) * example.weight;
        biasSquaredGradients[k] = (biasSquaredGradients[k] as number) + error * error;
        bias[k] =
          (bias[k] as number) - (options.learningRate * error) / Math.sqrt(biasSquaredGradients[k] as number);
        for (const index of example.features.indices) {
          const slot = index * classes + k;
          const gradient = error * example.features.value + options.l2 * (weights[slot] as number);
          squaredGradients[slot] = (squaredGradients[slot] as number) + gradient * gradient;
          weights[slot] =
            (weights[slot] as number) -
            (options.learningRate * gradient) / Math.sqrt(squaredGradients[slot] as number);
        }
      }
    }
  }
  return model;
}
