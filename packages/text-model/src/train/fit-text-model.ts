import { TEXT_LABELS } from '../corpus/corpus.types.ts';
import type { LabelledText, TextLabel } from '../corpus/corpus.types.ts';
import { hashFeatures } from '../features/feature-hasher.ts';
import { fnv1a } from '../features/fnv1a.ts';
import type { ScamThresholds } from '../model/model-file.ts';
import { predictInto } from '../model/softmax-model.ts';
import type { SoftmaxModel } from '../model/softmax-model.ts';
import { trainSoftmax } from './train-softmax.ts';
import type { TrainingExample, TrainingOptions } from './train-softmax.ts';

export interface FitSettings extends Omit<TrainingOptions, 'classes'> {
  /** Folds for the out-of-fold predictions that choose the thresholds. */
  folds: number;
  /** Largest share of legitimate training messages the strong threshold may call scam. */
  strongSafeRate: number;
  /** Same for the supporting threshold, which only counts next to an explicit fraud signal. */
  supportingSafeRate: number;
  /**
   * Extra loss weight of examples written for Elara (today's WhatsApp messages) over the 2011 SMS
   * collection, which outnumbers them and speaks an older idiom.
   */
  currentExampleWeight: number;
}

export const FIT_SETTINGS: FitSettings = {
  bits: 17,
  epochs: 16,
  learningRate: 0.1,
  l2: 1e-5,
  seed: 20_261_126,
  folds: 5,
  strongSafeRate: 0.004,
  supportingSafeRate: 0.08,
  currentExampleWeight: 4,
};

const SCAM = TEXT_LABELS.indexOf('scam');
const SAFE_LABEL: TextLabel = 'safe';

/**
 * Balances classes by the square root of their inverse frequency: enough that the few hundred
 * WhatsApp scams are not drowned by thousands of SMS hams, not so much that rare examples dominate.
 */
function classWeights(examples: readonly LabelledText[]): Map<TextLabel, number> {
  const counts = new Map<TextLabel, number>();
  for (const example of examples) counts.set(example.label, (counts.get(example.label) ?? 0) + 1);
  const weights = new Map<TextLabel, number>();
  for (const [label, count] of counts) {
    weights.set(label, Math.sqrt(examples.length / (TEXT_LABELS.length * count)));
  }
  return weights;
}

const LEGACY_SOURCE = 'sms-spam-collection';

/** An example with the explicit signals the rule engine found in it (model features too). */
export interface TrainingText extends LabelledText {
  signals: readonly string[];
}

function toTrainingExamples(examples: readonly TrainingText[], settings: FitSettings): TrainingExample[] {
  const weights = classWeights(examples);
  return examples.map((example) => ({
    features: hashFeatures(example.text, settings.bits, example.signals),
    label: TEXT_LABELS.indexOf(example.label),
    weight:
      (weights.get(example.label) ?? 1) *
      (example.source === LEGACY_SOURCE ? 1 : settings.currentExampleWeight),
  }));
}

/** The lowest cut-off at which at most `rate` of the legitimate scores reach it. */
function thresholdForRate(safeScores: number[], rate: number): number {
  const sorted = [...safeScores].sort((a, b) => b - a);
  const allowed = Math.floor(sorted.length * rate);
  const cut = sorted[allowed] ?? 0;
  return Math.min(0.99, Math.round((cut + 1e-6) * 1e4) / 1e4);
}

export interface OutOfFoldScore {
  label: TextLabel;
  scam: number;
  /** Whether the example is one of today's messages rather than the 2011 SMS collection. */
  current: boolean;
}

/** Scam probabilities for each training example from a model that never saw it. */
export function outOfFoldScores(examples: readonly TrainingText[], settings: FitSettings): OutOfFoldScore[] {
  const options = { ...settings, classes: TEXT_LABELS.length };
  const foldOf = examples.map((example) => fnv1a(`fold:${example.text}`) % settings.folds);
  const scores: OutOfFoldScore[] = new Array<OutOfFoldScore>(examples.length);
  const probabilities = new Float64Array(TEXT_LABELS.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    const training = examples.filter((_, i) => foldOf[i] !== fold);
    const model = trainSoftmax(toTrainingExamples(training, settings), options);
    examples.forEach((example, i) => {
      if (foldOf[i] !== fold) return;
      predictInto(model, hashFeatures(example.text, settings.bits, example.signals), probabilities);
      scores[i] = {
        label: example.label,
        scam: probabilities[SCAM] as number,
        current: example.source !== LEGACY_SOURCE,
      };
    });
  }
  return scores;
}

/**
 * Cut-offs that keep the flagged share of legitimate messages under the target rates in the SMS
 * collection and, separately, in today's messages: the hard legitimate messages written for Elara
 * would otherwise be outvoted by thousands of easy 2011 SMS.
 */
export function chooseThresholds(scores: readonly OutOfFoldScore[], settings: FitSettings): ScamThresholds {
  const groups = [true, false].map((current) =>
    scores.filter((s) => s.label === SAFE_LABEL && s.current === current).map((s) => s.scam),
  );
  const cut = (rate: number) =>
    Math.max(...groups.filter((g) => g.length > 0).map((g) => thresholdForRate(g, rate)));
  return {
    strong: Math.max(0.5, cut(settings.strongSafeRate)),
    supporting: Math.max(0.2, cut(settings.supportingSafeRate)),
  };
}

export interface FittedTextModel {
  model: SoftmaxModel;
  thresholds: ScamThresholds;
  outOfFold: OutOfFoldScore[];
}

/** Chooses thresholds out of fold, then fits the final model on every training example. */
export function fitTextModel(
  examples: readonly TrainingText[],
  settings: FitSettings = FIT_SETTINGS,
): FittedTextModel {
  const outOfFold = outOfFoldScores(examples, settings);
  const thresholds = chooseThresholds(outOfFold, settings);
  const model = trainSoftmax(toTrainingExamples(examples, settings), {
    ...settings,
    classes: TEXT_LABELS.length,
  });
  return { model, thresholds, outOfFold };
}
