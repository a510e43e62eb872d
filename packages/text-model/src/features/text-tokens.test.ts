import { describe, expect, it } from 'vitest';
import { normalizeForModel, tokenize } from './text-tokens.ts';

const tokensOf = (text: string) => tokenize(normalizeForModel(text));

describe('normalizeForModel', () => {
  it('replaces links, with or without a scheme, by one placeholder', () => {
    expect(tokensOf('pay at https://evri-redelivery.com/x?id=1 now')).toEqual([
      'pay',
      'at',
      '__url__',
      'now',
    ]);
    expect(tokensOf('go to royalmail-fees.co.uk/pay')).toEqual(['go', 'to', '__url__']);
    expect(tokensOf('see www.example.org')).toEqual(['see', '__url__']);
    expect(tokensOf('hxxps://bad.top/login')).toEqual(['__url__']);
  });

  it('does not treat an ordinary sentence end as a link', () => {
    expect(tokensOf('See you at 5.Thanks')).not.toContain('__url__');
  });

  it('replaces amounts of money, phone numbers, premium numbers and codes', () => {
    expect(tokensOf('send £250 today')).toEqual(['send', '__money__', 'today']);
    expect(tokensOf('pague 49,90 euros')).toEqual(['pague', '__money__']);
    expect(tokensOf('call +44 7700 900123')).toEqual(['call', '__phone__']);
    expect(tokensOf('call 09061701461 now')).toEqual(['call', '__premium__', 'now']);
    expect(tokensOf('your code is 482913')).toEqual(['your', 'code', 'is', '__num6__']);
    expect(tokensOf('at 7 pm')).toEqual(['at', '__numshort__', 'pm']);
  });

  it('replaces e-mail addresses and emoji', () => {
    expect(tokensOf('write to help@bank.com 🚨')).toEqual(['write', 'to', '__email__', '__emoji__']);
  });

  it('lowercases and folds accents so "Código" and "codigo" are one word', () => {
    expect(tokensOf('Código ÉNVIO')).toEqual(['codigo', 'envio']);
  });
});
