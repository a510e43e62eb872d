import { describe, expect, it } from 'vitest';
import { VERDICTS } from './detection.types.ts';
import { MAX_SCANNED_CHARS, scanMessage } from './scan-message.ts';

const brandDomains = ['demobank.com'];
const scan = (text: string) => scanMessage({ text, brandDomains });

describe('scanMessage verdicts', () => {
  it.each([
    [
      'parcel fee',
      'Royal Mail: your parcel could not be delivered. Pay the £1.45 redelivery fee within 24 hours: https://royalmail-redelivery.top/pay',
    ],
    [
      'bank verification with link',
      'DemoBank: your account has been suspended. Verify your account at http://demobank-secure.com/login',
    ],
    [
      'hi mum new number',
      "Hi mum, this is my new number, I dropped my phone. Can you transfer £250 for me? I'll pay you back",
    ],
    ['OTP theft', 'Hi, I sent you a 6-digit code by mistake, can you forward it to me please?'],
    [
      'OTP theft posing as support',
      'WhatsApp support here. Send us the verification code we just sent you to keep your account.',
    ],
    [
      'job offer',
      'We are hiring! Part-time job, work from home, earn $300 a day just liking videos. Contact HR on WhatsApp',
    ],
    [
      'investment',
      'Join our crypto trading group: guaranteed returns of 20% weekly, double your money in 10 days!',
    ],
    ['gift card request', 'This is your manager. I need 5 Apple gift cards urgently, send me the codes'],
    ['IP link with urgency', 'URGENT: your card is blocked, unlock it now at http://185.23.4.9/unlock'],
  ])('calls %s a scam', (_name, text) => {
    expect(scan(text).verdict).toBe('scam');
  });

  it.each([
    [
      'marketing',
      'Big summer sale! 50% off all shoes this weekend only. Shop now at www.shoeshop.com. Reply STOP to unsubscribe',
    ],
    [
      'premium-rate prize',
      'FREE entry into our weekly competition! Text WIN to 80082, 150p/msg, 18+ only. T&Cs apply',
    ],
  ])('calls %s spam', (_name, text) => {
    expect(scan(text).verdict).toBe('spam');
  });

  it.each([
    ['normal chat', 'Hey, are we still on for dinner tonight? I can bring dessert.'],
    ['a time', 'see you at 5'],
    ['the tenant own domain', 'Your new statement is ready: https://www.demobank.com/statements'],
    ['the tenant login page', 'Log in at https://online.demobank.com/login to see your statement'],
    ['an ordinary link', 'Look at this recipe https://www.bbc.co.uk/food/recipes/pancakes'],
    [
      'a bank warning',
      'DemoBank will never ask you to share your PIN. Never share your one-time code with anyone.',
    ],
  ])('calls %s safe', (_name, text) => {
    expect(scan(text)).toMatchObject({ verdict: 'safe', urlsOmitted: 0 });
  });

  it('is suspicious for medium evidence', () => {
    expect(scan('Hey, this is my new number').verdict).toBe('suspicious');
  });

  it('warns about a bare "hi mum, new number" opener', () => {
    // The opener of the scam: the money request comes in the next message.
    expect(['scam', 'suspicious']).toContain(scan('Hi mum, this is my new number, save it').verdict);
  });
});

describe('scanMessage result shape', () => {
  it('lists each signal once, strongest first, with links in order', () => {
    const result = scan(
      'Verify your account now at http://dem0bank.com/login or http://dem0bank.com/login?x=1',
    );
    const weights = result.signals.map((s) => s.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(new Set(result.signals.map((s) => s.code)).size).toBe(result.signals.length);
    expect(result.urls.map((u) => u.url)).toEqual([
      'http://dem0bank.com/login',
      'http://dem0bank.com/login?x=1',
    ]);
    expect(VERDICTS).toContain(result.verdict);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('checks at most maxUrls links and reports the rest', () => {
    const text = Array.from({ length: 7 }, (_, i) => `https://shop${i}.example.com/`).join(' ');
    expect(scan(text)).toMatchObject({ urlsOmitted: 2 });
    expect(scan(text).urls).toHaveLength(5);
    expect(scanMessage({ text, brandDomains, maxUrls: 2 })).toMatchObject({ urlsOmitted: 5 });
  });

  it('treats unchecked links as outside the tenant domain', () => {
    const links = Array.from({ length: 6 }, (_, i) => `https://demobank.com/p${i}`).join(' ');
    expect(
      scanMessage({ text: `Verify your account: ${links} https://evil.example/`, brandDomains, maxUrls: 6 })
        .verdict,
    ).toBe('scam');
  });

  it('scans only the first MAX_SCANNED_CHARS characters', () => {
    const filler = 'See you at the station at six. ';
    const text = `${filler.repeat(MAX_SCANNED_CHARS / filler.length + 1)} verify your account at http://dem0bank.com`;
    expect(scan(text)).toMatchObject({ verdict: 'safe', urls: [] });
  });

  it('handles empty text and empty brand lists', () => {
    const result = scanMessage({ text: '', brandDomains: [] });
    expect(result).toMatchObject({ verdict: 'safe', signals: [], urls: [], urlsOmitted: 0, language: null });
    expect(result.score).toBeLessThan(0.05);
  });
});
