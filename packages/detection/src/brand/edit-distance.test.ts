import { describe, expect, it } from 'vitest';
import { boundedLevenshtein } from './edit-distance.ts';

describe('boundedLevenshtein', () => {
  it.each([
    ['demobank', 'demobank', 0],
    ['demobank', 'demobamk', 1],
    ['demobank', 'demobnak', 2],
    ['demobank', 'demobanks', 1],
    ['demobank', 'emobank', 1],
    ['', 'ab', 2],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(boundedLevenshtein(a, b, 2)).toBe(expected);
  });

  it('returns max + 1 as soon as the distance exceeds max', () => {
    expect(boundedLevenshtein('demobank', 'example', 2)).toBe(3);
    expect(boundedLevenshtein('a', 'abcdef', 2)).toBe(3);
  });

  it('handles strings longer than its scratch buffers', () => {
    const long = 'a'.repeat(200);
    expect(boundedLevenshtein(long, `${long}b`, 1)).toBe(1);
  });
});
