import { describe, expect, it } from 'vitest';
import { foldForMatching, normalizeMessage } from './text-normalizer.ts';

describe('normalizeMessage', () => {
  it('maps fullwidth characters to ASCII and drops zero-width ones', () => {
    expect(normalizeMessage('Ｐａｙ\u200b now')).toEqual({ text: 'Pay now', obfuscation: [] });
  });

  it('reports invisible characters hidden inside words', () => {
    expect(normalizeMessage('ve\u200brify').obfuscation).toEqual(['invisible characters']);
  });

  it('does not report emoji joiners as obfuscation', () => {
    expect(normalizeMessage('family 👨\u200d👩\u200d👧').obfuscation).toEqual([]);
  });

  it('reports words mixing Latin and Cyrillic letters', () => {
    expect(normalizeMessage('p\u0430ypal').obfuscation).toEqual(['mixed alphabets']);
  });

  it('refangs links', () => {
    expect(normalizeMessage('hxxps://evil[.]com and bad (.) org').text).toBe('https://evil.com and bad.org');
  });
});

describe('foldForMatching', () => {
  it('lowercases, strips accents and folds look-alike letters', () => {
    expect(foldForMatching('Código ÚNICO v\u0435rify').text).toBe('codigo unico verify');
  });

  it('joins spaced-out words of five letters or more', () => {
    expect(foldForMatching('V e r i f y now, a b c')).toEqual({
      text: 'verify now, a b c',
      spacedLetters: true,
    });
  });
});
