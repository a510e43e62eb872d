import { describe, expect, it } from 'vitest';
import { hashFeatures } from '../features/feature-hasher.ts';
import { predictInto } from '../model/softmax-model.ts';
import { trainSoftmax } from './train-softmax.ts';

const BITS = 12;
const examples = [
  ['pay the customs fee now', 0],
  ['your parcel fee is unpaid, pay now', 0],
  ['pay now to release your parcel', 0],
  ['see you at dinner tonight', 1],
  ['dinner tonight at our place?', 1],
  ['are we still on for dinner', 1],
].map(([text, label]) => ({
  features: hashFeatures(text as string, BITS),
  label: label as number,
  weight: 1,
}));
const options = { bits: BITS, classes: 2, epochs: 20, learningRate: 0.5, l2: 1e-5, seed: 7 };

describe('trainSoftmax', () => {
  it('learns to separate two classes it was shown', () => {
    const model = trainSoftmax(examples, options);
    const out = new Float64Array(2);
    expect(predictInto(model, hashFeatures('pay the fee now', BITS), out)[0]).toBeGreaterThan(0.7);
    expect(predictInto(model, hashFeatures('dinner tonight?', BITS), out)[1]).toBeGreaterThan(0.7);
  });

  it('gives identical weights for the same data and seed, different for another seed', () => {
    const a = trainSoftmax(examples, options);
    const b = trainSoftmax(examples, options);
    const c = trainSoftmax(examples, { ...options, seed: 8 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });
});
