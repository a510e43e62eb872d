import { describe, expect, it } from 'vitest';
import { featureNames, hashFeatures, MAX_MODEL_CHARS } from './feature-hasher.ts';

describe('featureNames', () => {
  it('has words, word pairs, character n-grams and shape features', () => {
    const names = featureNames('Pay now');
    expect(names).toEqual(
      expect.arrayContaining(['u:pay', 'u:now', 'b:pay now', 'c:<pay', 'c:pay>', 'm:len:xs']),
    );
  });

  it('marks shouting and exclamation marks', () => {
    expect(featureNames('URGENT YOUR ACCOUNT IS LOCKED!!!')).toEqual(
      expect.arrayContaining(['m:caps:shout', 'm:excl:3']),
    );
    expect(featureNames('see you later at the station')).toContain('m:caps:few');
  });

  it('ignores text beyond MAX_MODEL_CHARS', () => {
    const tail = ' zzzuniquetail';
    expect(featureNames('a '.repeat(MAX_MODEL_CHARS) + tail)).not.toContain('u:zzzuniquetail');
  });
});

describe('hashFeatures', () => {
  it('is deterministic and stays inside 2^bits buckets', () => {
    const a = hashFeatures('Your parcel is on hold, pay the fee', 12);
    const b = hashFeatures('Your parcel is on hold, pay the fee', 12);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Math.max(...a.indices)).toBeLessThan(1 << 12);
  });

  it('counts a repeated feature once and normalises by the number of features', () => {
    const vector = hashFeatures('ok ok ok ok', 16);
    expect(new Set(vector.indices).size).toBe(vector.indices.length);
    expect(vector.value).toBeCloseTo(1 / Math.sqrt(vector.indices.length));
  });

  it('gives an empty message no features', () => {
    expect(hashFeatures('', 16).indices.length).toBe(3); // shape features only
    expect(hashFeatures('', 16).value).toBeGreaterThan(0);
  });
});
