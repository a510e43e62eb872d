import { describe, expect, it } from 'vitest';
import { loadCorpus } from './load-corpus.ts';
import { splitOf } from './split.ts';

describe('splitOf', () => {
  it('is decided by the text alone, ignoring case and spacing', () => {
    const text = 'Hi Mum, this is my new number';
    expect(splitOf(text)).toBe(splitOf('hi mum,  this is my NEW number '));
  });

  it('holds out about a fifth of the shipped corpus, in every label', () => {
    const corpus = loadCorpus();
    for (const label of ['scam', 'spam', 'safe'] as const) {
      const examples = corpus.filter((e) => e.label === label);
      const share = examples.filter((e) => splitOf(e.text) === 'test').length / examples.length;
      expect(share).toBeGreaterThan(0.14);
      expect(share).toBeLessThan(0.26);
    }
  });
});
