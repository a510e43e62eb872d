/**
 * Noisy-OR of independent pieces of evidence: 1 - Π(1 - w). Two 0.5 cues give 0.75, never more
 * than 1, and a zero weight changes nothing, so adding a weak cue can only raise the result a little.
 */
export function noisyOr(weights: Iterable<number>): number {
  let miss = 1;
  for (const weight of weights) miss *= 1 - Math.min(1, Math.max(0, weight));
  return 1 - miss;
}
