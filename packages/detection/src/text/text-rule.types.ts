import type { SignalCode } from '../detection.types.ts';

/** A group of phrase patterns that emit one signal code at one weight. */
export interface TextRule {
  code: SignalCode;
  weight: number;
  /** Regex sources (no flags, no boundaries) matched against folded text. */
  phrases: readonly string[];
}
