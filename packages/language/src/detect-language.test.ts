import { describe, expect, it } from 'vitest';
import { loadShortTexts } from './bench/short-texts.ts';
import { DEFAULT_SUPPORTED_LANGUAGES, detectLanguage, MIN_MARGIN } from './detect-language.ts';

const NOTHING = { language: null, confidence: 0, reliable: false };

describe('detectLanguage', () => {
  it.each([
    ['en', 'Hi mum, this is my new number'],
    ['es', 'Hola mamá, este es mi nuevo número'],
    ['pt', 'oi mãe, esse é meu número novo'],
    ['fr', 'Bonjour, le vélo est toujours à vendre ?'],
    ['de', 'Hallo Mama, das ist meine neue Nummer'],
  ])('detects %s', (language, text) => {
    const result = detectLanguage(text);
    expect(result).toMatchObject({ language, reliable: true });
    expect(result.confidence).toBeGreaterThanOrEqual(MIN_MARGIN);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('answers null, without running the detector, below the minimum of letters', () => {
    expect(detectLanguage('ok 👍')).toEqual(NOTHING);
    expect(detectLanguage('hola q tal')).toEqual(NOTHING); // 8 letters
    expect(detectLanguage('')).toEqual(NOTHING);
  });

  it('counts letters after cleanup: a URL, a code and a phone number are not words', () => {
    expect(detectLanguage('https://bit.ly/abc123 +44 7700 900123')).toEqual(NOTHING);
    // eld alone answers English here, from the e-mail address and the mention.
    expect(detectLanguage('Paket 📦 @DeliveryUpdateTeam confirm-your-address@shipping-support.com')).toEqual(
      NOTHING,
    );
  });

  it.each([
    'Colis en attente: https://track-your-parcel-delivery-now.com/update-your-address',
    'Colis bloqué, voir www.delivery-update-your-address-now.com',
    'mon colis? regarde track-your-parcel-delivery.com/update-details',
  ])('is not swayed by an English-looking link (eld alone says en): %s', (text) => {
    expect(detectLanguage(text).language).toBe('fr');
  });

  it('answers null when the winner is barely ahead (eld alone calls this es, and reliable)', () => {
    const result = detectLanguage('desculpa, número errado');
    expect(result.language).toBeNull();
    expect(result.reliable).toBe(false);
    expect(result.confidence).toBeLessThan(MIN_MARGIN);
  });

  it('only answers languages in `supported`', () => {
    const italian = 'Ciao mamma, questo è il mio nuovo numero, salvalo';
    expect(detectLanguage(italian).language).toBeNull();
    expect(detectLanguage(italian, { supported: ['it', 'en'] }).language).toBe('it');
    expect(
      detectLanguage('Hola mamá, este es mi nuevo número', { supported: ['en', 'de'] }).language,
    ).toBeNull();
  });

  it("answers with the caller's spelling of a regional code", () => {
    expect(detectLanguage('oi mãe, esse é meu número novo', { supported: ['pt-BR', 'es'] }).language).toBe(
      'pt-BR',
    );
  });

  it('answers null, rather than choosing among all 60 languages, when no supported code is detectable', () => {
    expect(detectLanguage('Hallo Mama, das ist meine neue Nummer', { supported: ['xx', 'klingon'] })).toEqual(
      NOTHING,
    );
    expect(detectLanguage('Hallo Mama, das ist meine neue Nummer', { supported: [] })).toEqual(NOTHING);
  });

  it('gives the same answer for the same input, whatever was asked before with other lists', () => {
    const texts = loadShortTexts().slice(0, 60);
    const first = texts.map(({ text }) => detectLanguage(text));
    for (const { text } of texts) detectLanguage(text, { supported: ['es', 'pt'] });
    for (const { text } of texts) detectLanguage(text, { supported: ['fr', 'it', 'en'] });
    expect(texts.map(({ text }) => detectLanguage(text))).toEqual(first);
  });

  it('is reliable exactly when it names a language, and names only supported ones', () => {
    for (const { text } of loadShortTexts()) {
      const result = detectLanguage(text);
      expect(result.reliable).toBe(result.language !== null);
      if (result.language !== null) expect(DEFAULT_SUPPORTED_LANGUAGES).toContain(result.language);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('does not throw on a non-string from untyped callers', () => {
    expect(detectLanguage(undefined as unknown as string)).toEqual(NOTHING);
  });
});
