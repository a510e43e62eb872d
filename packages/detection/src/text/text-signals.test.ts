import { describe, expect, it } from 'vitest';
import { scanMessage } from '../scan-message.ts';

function codes(text: string): string[] {
  return scanMessage({ text, brandDomains: ['demobank.com'] }).signals.map((s) => s.code);
}

// [code, a message that must fire it, a near miss that must not]
const CASES: ReadonlyArray<[string, string, string]> = [
  ['text.urgency', 'Your account will be suspended within 24 hours', 'We can meet tomorrow or next week'],
  [
    'text.payment_request',
    'Buy two Google Play gift cards and send me the codes',
    'The cards you sent for my birthday were lovely',
  ],
  [
    'text.credential_request',
    'Please verify your account details today',
    'I verified the address on the map',
  ],
  [
    'text.otp_request',
    'I sent you a 6-digit code by mistake, please forward it',
    'Do not share this code with anyone',
  ],
  ['text.prize', 'Congratulations! You have won a £1000 cash prize', 'We won the match yesterday'],
  ['text.impersonation', 'Hi mum, this is my new number', 'Hi Sam, see you at the office'],
  ['text.job_investment_lure', 'Work from home and earn $500 a day', 'I am working at home today'],
  ['text.premium_rate', 'Text WIN to 80082 now, 150p/msg', 'Call me on 07700 900123 later'],
  [
    'text.marketing',
    'Summer sale: 50% off everything. Reply STOP to unsubscribe',
    'Stop by my place after work',
  ],
  ['text.obfuscation', 'Please veri\u200bfy now', 'Please verify with your manager'],
  ['text.new_number_claim', 'Hey, this is my new number, I dropped my phone', 'Is this your number?'],
  ['text.model_scam', 'Your parcel is on hold. Pay the customs fee now to release it', 'Dinner at 8?'],
  ['text.model_spam', 'Huge sale this weekend! 40% off all sofas, visit our showroom', 'The sofa is comfy'],
];

// The same pairs for phrases in other languages and for the finer tiers.
const MORE_CASES: ReadonlyArray<[string, string, string]> = [
  ['text.new_number_claim', 'Hola mamá, este es mi número nuevo', 'Hola mamá, ¿qué tal?'],
  ['text.new_number_claim', 'Hallo Mama, das ist meine neue Nummer', 'Hallo Mama, wie geht es dir?'],
  ['text.urgency', 'Letzte Mahnung: zahlen Sie sofort', 'Bis später'],
  ['text.payment_request', 'Bitte die Zollgebühr von 2,99 € bezahlen', 'Danke für das Paket'],
  ['text.otp_request', 'Schick mir bitte den Code aus der SMS', 'Der Code für die Tür ist geändert'],
  ['text.credential_request', 'Bestätigen Sie Ihre Zugangsdaten hier', 'Ich bestätige den Termin'],
  ['text.payment_request', 'Can you send me £200 today?', 'I sent the photos today'],
  ['text.payment_request', 'Pay the processing fee of $50 first', 'The process is slow'],
  ['text.otp_request', 'Did you just get a code? Send it over pls', 'I got a new phone'],
  [
    'text.credential_request',
    'Please install AnyDesk so our engineer can help',
    'Please install the new shelf',
  ],
  ['text.payment_request', 'Pay the customs fee here', "Don't pay the customs fee, it is a scam"],
  [
    'text.otp_request',
    'Geben Sie mir den Code aus der SMS',
    'Geben Sie diesen Code niemals an Dritte weiter',
  ],
];

describe('text signals', () => {
  it.each(CASES)('%s fires on a matching message', (code, fires) => {
    expect(codes(fires)).toContain(code);
  });

  it.each(CASES)('%s stays quiet on a near miss', (code, _fires, quiet) => {
    expect(codes(quiet)).not.toContain(code);
  });

  it.each(MORE_CASES)('%s fires on %j', (code, fires) => {
    expect(codes(fires)).toContain(code);
  });

  it.each(MORE_CASES)('%s stays quiet on the near miss of %j', (code, _fires, quiet) => {
    expect(codes(quiet)).not.toContain(code);
  });

  it('counts a repeated phrase once', () => {
    const once = scanMessage({ text: 'HMRC: your return was received.', brandDomains: [] });
    const thrice = scanMessage({
      text: 'HMRC: your return was received. See your HMRC account or the HMRC app.',
      brandDomains: [],
    });
    const weight = (r: typeof once) => r.signals.find((s) => s.code === 'text.impersonation')?.weight;
    expect(weight(thrice)).toBe(weight(once));
    expect(thrice.verdict).toBe(once.verdict);
  });

  it('matches case-insensitively and across fullwidth characters', () => {
    expect(codes('ＶＥＲＩＦＹ YOUR ACCOUNT')).toContain('text.credential_request');
  });

  it('joins spaced-out letters and flags the trick', () => {
    const found = codes('V e r i f y your account');
    expect(found).toContain('text.credential_request');
    expect(found).toContain('text.obfuscation');
  });

  it('folds Cyrillic look-alike letters inside words', () => {
    // "vеrify" below uses a Cyrillic е.
    const found = codes('v\u0435rify your account');
    expect(found).toContain('text.credential_request');
    expect(found).toContain('text.obfuscation');
  });

  it('does not treat a legitimate warning as a request', () => {
    expect(codes('Never share your PIN. Your bank will never ask for it.')).not.toContain(
      'text.credential_request',
    );
  });

  it('ignores words that only appear inside a link', () => {
    expect(codes('see https://example.com/free-gift-cards')).not.toContain('text.payment_request');
  });

  it.each([
    ['es', 'Su cuenta será bloqueada. Envíame el código que te llegó', ['text.urgency', 'text.otp_request']],
    [
      'pt',
      'Sua conta foi bloqueada, confirme seus dados e pague a taxa de entrega',
      ['text.urgency', 'text.credential_request', 'text.payment_request'],
    ],
    [
      'fr',
      'Votre compte a été suspendu. Envoyez-moi le code reçu immédiatement',
      ['text.urgency', 'text.otp_request'],
    ],
  ])('recognises the strongest cues in %s', (_language, text, expected) => {
    expect(codes(text)).toEqual(expect.arrayContaining(expected));
  });

  it('keeps details short and never the whole message', () => {
    const text = `Please verify your account ${'and more words '.repeat(40)}`;
    const signal = scanMessage({ text, brandDomains: [] }).signals[0];
    expect(signal?.detail?.length ?? 0).toBeLessThanOrEqual(40);
  });

  it('counts urgency once however often it is repeated', () => {
    const urgency = scanMessage({ text: 'urgent, urgently, immediately!', brandDomains: [] }).signals.find(
      (s) => s.code === 'text.urgency',
    );
    expect(urgency?.weight).toBe(0.3);
  });
});

describe('negated requests', () => {
  it('drops a request preceded by a negation a few words back', () => {
    expect(codes('We will never ask you to send us your PIN')).not.toContain('text.credential_request');
    expect(codes("Don't share your password with anybody")).not.toContain('text.credential_request');
  });

  it('does not read a negation inside another word', () => {
    expect(codes('Can someone send me the verification code?')).toContain('text.otp_request');
  });
});
