import type { TextLabel } from '@elara/text-model/types';
import { TEXT_LABELS } from '@elara/text-model/types';
import { VERDICTS } from '../detection.types.ts';
import type { Verdict } from '../detection.types.ts';

/** Rows: the true label; columns: the verdict given. */
export type ConfusionMatrix = Record<TextLabel, Record<Verdict, number>>;

export interface ClassMetrics {
  label: TextLabel;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface DetectionMetrics {
  total: number;
  confusion: ConfusionMatrix;
  perClass: ClassMetrics[];
  /** Share of legitimate (`safe`) messages given the verdict `scam`: the number that must stay tiny. */
  legitFlaggedAsScam: number;
  /** Share of legitimate messages given any verdict other than `safe`. */
  legitFlagged: number;
  /** Share of scams given `scam` or `suspicious`: warned, if not in the strongest words. */
  scamWarned: number;
}

export function emptyConfusion(): ConfusionMatrix {
  const row = (): Record<Verdict, number> =>
    Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  return { scam: row(), spam: row(), safe: row() };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function rowTotal(row: Record<Verdict, number>): number {
  return VERDICTS.reduce((sum, verdict) => sum + row[verdict], 0);
}

/** Per-class precision, recall and F1 (`suspicious` counts as a miss for every class). */
export function metricsFrom(confusion: ConfusionMatrix): DetectionMetrics {
  const perClass = TEXT_LABELS.map((label): ClassMetrics => {
    const truePositives = confusion[label][label];
    const predicted = TEXT_LABELS.reduce((sum, actual) => sum + confusion[actual][label], 0);
    const support = rowTotal(confusion[label]);
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    return { label, support, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  const safe = confusion.safe;
  const legit = rowTotal(safe);
  return {
    total: TEXT_LABELS.reduce((sum, label) => sum + rowTotal(confusion[label]), 0),
    confusion,
    perClass,
    legitFlaggedAsScam: ratio(safe.scam, legit),
    legitFlagged: ratio(legit - safe.safe, legit),
    scamWarned: ratio(confusion.scam.scam + confusion.scam.suspicious, rowTotal(confusion.scam)),
  };
}
