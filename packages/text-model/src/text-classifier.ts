import { fileURLToPath } from 'node:url';
import { TEXT_LABELS } from './corpus/corpus.types.ts';
import type { TextLabel } from './corpus/corpus.types.ts';
import { hashFeatures } from './features/feature-hasher.ts';
import { readModelFile } from './model/model-file.ts';
import type { LoadedTextModel, ScamThresholds } from './model/model-file.ts';
import { predictInto } from './model/softmax-model.ts';

/** Where `pnpm build:model` writes the model and where the classifier loads it from. */
export const MODEL_PATH = fileURLToPath(new URL('../model/text-model.json', import.meta.url));

export type TextScores = Record<TextLabel, number>;

export interface TextClassifier {
  /**
   * Probability of each class for one message; they sum to 1. `signals` are the explicit signals
   * the rule engine found in it, named as in training (see `explicitSignalFeatures` in detection).
   */
  classify(text: string, signals?: readonly string[]): TextScores;
  thresholds: ScamThresholds;
  /** Short id of the training inputs, recorded with each scan so verdicts can be traced to a model. */
  version: string;
}

export function createTextClassifier(loaded: LoadedTextModel): TextClassifier {
  const probabilities = new Float64Array(TEXT_LABELS.length);
  return {
    thresholds: loaded.file.thresholds,
    version: loaded.file.inputHash.slice(0, 12),
    classify(text, signals = []) {
      predictInto(loaded.model, hashFeatures(text, loaded.model.bits, signals), probabilities);
      return {
        scam: probabilities[0] as number,
        spam: probabilities[1] as number,
        safe: probabilities[2] as number,
      };
    },
  };
}

let shared: TextClassifier | undefined;

/** The classifier built from MODEL_PATH, loaded once per process on first use. */
export function sharedTextClassifier(): TextClassifier {
  shared ??= createTextClassifier(readModelFile(MODEL_PATH));
  return shared;
}
