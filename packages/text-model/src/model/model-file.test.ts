import { describe, expect, it } from 'vitest';
import { parseModelFile, serializeModel } from './model-file.ts';
import { createSoftmaxModel } from './softmax-model.ts';

const meta = {
  inputHash: 'abc',
  trainedAt: '2026-11-26T00:00:00.000Z',
  examples: { scam: 1, spam: 1, safe: 1 },
  thresholds: { strong: 0.9, supporting: 0.3 },
};

describe('model file', () => {
  it('round-trips weights, bias and thresholds exactly', () => {
    const model = createSoftmaxModel(4, 3);
    model.weights.forEach((_, i) => (model.weights[i] = i / 7));
    model.bias.set([0.5, -1, 0.25]);
    const loaded = parseModelFile(JSON.stringify(serializeModel(model, meta)), 'test');
    expect(Array.from(loaded.model.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(loaded.model.bias)).toEqual([0.5, -1, 0.25]);
    expect(loaded.file.thresholds).toEqual(meta.thresholds);
  });

  it('rejects another format and truncated weights', () => {
    const file = serializeModel(createSoftmaxModel(4, 3), meta);
    expect(() => parseModelFile(JSON.stringify({ ...file, format: 'other' }), 'm.json')).toThrow('not an');
    expect(() => parseModelFile(JSON.stringify({ ...file, weights: 'AAAA' }), 'm.json')).toThrow(
      'weight bytes',
    );
  });
});
