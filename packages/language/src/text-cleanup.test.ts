import { describe, expect, it } from 'vitest';
import { countLetters, MAX_INPUT_CHARS, stripNonLanguage } from './text-cleanup.ts';

describe('stripNonLanguage', () => {
  it.each([
    ['https://royalmail-redelivery.info/pay?id=1', 'with a scheme'],
    ['http://x.co', 'plain http'],
    ['hxxp://evil.example/path', 'any scheme'],
    ['www.dhl-paket-zustellung.de', 'www without a scheme'],
    ['bit.ly/3xYzAbc', 'a bare short link'],
    ['evri-parcel.co/pay', 'a bare domain with a path'],
    ['(santander-seguridad.net)', 'a domain in brackets'],
    ['Impots.gouv', 'a capitalised bare domain'],
    ['support@paypal-help.com', 'an e-mail address'],
    ['@Elara', 'an @mention'],
    ['@+44 7700 900123', 'a phone-number mention'],
  ])('drops %s (%s)', (address) => {
    expect(stripNonLanguage(`avant ${address} après`)).toBe('avant après');
  });

  it('drops numbers, amounts, phone numbers and codes, keeping the words around them', () => {
    expect(stripNonLanguage('Pay £1.99 or 1,99€ by 24h, ref GB7781')).not.toMatch(/[0-9]|GB|\bh\b/);
    expect(stripNonLanguage('Call +44 (0) 7700-900123 now')).toBe('Call now');
    expect(stripNonLanguage('Me liga no +55 11 91234-5678 quando puder')).toBe('Me liga no quando puder');
  });

  it('drops emoji, including skin tones, flags, keycaps and joined sequences', () => {
    const text = 'hola 👍🏽 mamá 🇪🇸 1️⃣ 👨‍👩‍👧 ❤️ ya';
    expect(stripNonLanguage(text)).toBe('hola mamá ya');
  });

  it('keeps words, accents, apostrophes, hashtags and ordinary abbreviations', () => {
    expect(stripNonLanguage("t'es où ? C'est une arnaque #scam, U.S.A. etc.")).toBe(
      "t'es où C'est une arnaque #scam, U.S.A. etc.",
    );
    expect(stripNonLanguage('Überweisung für Straße')).toBe('Überweisung für Straße');
  });

  it('reads only the first MAX_INPUT_CHARS characters', () => {
    const cleaned = stripNonLanguage('word '.repeat(10_000));
    expect(cleaned.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(cleaned.length).toBeGreaterThan(MAX_INPUT_CHARS - 10);
  });

  it('stays fast on hostile input built to make patterns backtrack', () => {
    const hostile = [
      'a.'.repeat(5_000),
      '!'.repeat(5_000) + 'a.',
      '.a'.repeat(5_000) + '!',
      'ab.'.repeat(3_000) + 'c/!',
      'www.' + 'a-'.repeat(5_000),
      'a\u200D'.repeat(5_000),
      '1a'.repeat(5_000),
    ];
    const start = performance.now();
    for (const text of hostile) stripNonLanguage(text);
    // Each takes well under a millisecond; catastrophic backtracking would take seconds.
    expect(performance.now() - start).toBeLessThan(250);
  });

  it('returns an empty string when nothing is language', () => {
    expect(stripNonLanguage('  https://bit.ly/x 🎉🎉 +34 612 345 678 @someone  ')).toBe('');
  });
});

describe('countLetters', () => {
  it('counts letters of any script and nothing else', () => {
    expect(countLetters("ça va ? l'été 2024!")).toBe(8);
    expect(countLetters('Привет мир')).toBe(9);
    expect(countLetters('123 !!! 🎉')).toBe(0);
  });
});
