import { sharedTextClassifier } from '@elara/text-model/classifier';
import type { TextClassifier } from '@elara/text-model/classifier';
import type { Signal } from '../detection.types.ts';
import type { ModelEvidence } from '../verdict/verdict-policy.ts';
import { MODEL_SPAM } from '../verdict/verdict-policy.ts';

export interface ModelOpinion {
  evidence: ModelEvidence;
  /** Reasons to show the user: only what crossed a calibrated threshold. */
  signals: Signal[];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Runs the trained text model on the text and the explicit signal features (see
 * `signalFeatures`), and reports it as evidence plus the signals that fired.
 */
export function modelOpinion(
  text: string,
  signalFeatures: readonly string[],
  classifier: TextClassifier = sharedTextClassifier(),
): ModelOpinion {
  const scores = classifier.classify(text, signalFeatures);
  const { strong, supporting } = classifier.thresholds;
  const evidence: ModelEvidence = { scam: round(scores.scam), spam: round(scores.spam), strong, supporting };
  const signals: Signal[] = [];
  if (evidence.scam >= supporting) signals.push({ code: 'text.model_scam', weight: evidence.scam });
  else if (evidence.spam >= MODEL_SPAM) signals.push({ code: 'text.model_spam', weight: evidence.spam });
  return { evidence, signals };
}
