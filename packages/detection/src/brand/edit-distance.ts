// Two reusable rows: the function runs for every host token against every brand, so allocating
// per call showed up as the top cost. Safe because the function is synchronous and not re-entrant.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Levenshtein distance capped at `max`: returns `max + 1` as soon as the distance must exceed it.
 * Look-alike checks only care about 1 or 2 edits, so the early exits keep this cheap in practice.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (previous.length <= b.length) {
    previous = new Int32Array(b.length + 1);
    current = new Int32Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (ch === b.charCodeAt(j - 1) ? 0 : 1);
      const cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    // Every path to the last cell crosses this row, so a row minimum above max is final.
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  const distance = previous[b.length]!;
  return distance > max ? max + 1 : distance;
}
