import { describe, expect, it } from 'vitest';
import { chooseReplyLanguage } from './choose-reply-language.ts';

const SUPPORTED = ['en', 'es', 'pt', 'fr', 'de'];
const reliable = (language: string) => ({ language, reliable: true });
const unreliable = { language: null, reliable: false };

describe('chooseReplyLanguage', () => {
  it('uses a reliable detection over the stored language and the tenant default', () => {
    expect(
      chooseReplyLanguage({
        detected: reliable('fr'),
        stored: 'es',
        tenantDefault: 'en',
        supported: SUPPORTED,
      }),
    ).toEqual({ language: 'fr', source: 'detected' });
  });

  it('falls back to the stored language when the detection is unreliable or missing', () => {
    for (const detected of [unreliable, null, undefined, { language: 'fr', reliable: false }]) {
      expect(
        chooseReplyLanguage({ detected, stored: 'es', tenantDefault: 'en', supported: SUPPORTED }),
      ).toEqual({
        language: 'es',
        source: 'stored',
      });
    }
  });

  it('skips a reliable detection of a language the tenant does not support', () => {
    expect(
      chooseReplyLanguage({
        detected: reliable('it'),
        stored: 'pt',
        tenantDefault: 'en',
        supported: SUPPORTED,
      }),
    ).toEqual({ language: 'pt', source: 'stored' });
  });

  it('falls back to the tenant default when there is no usable stored language', () => {
    for (const stored of [null, undefined, '', 'it', 'zz-ZZ']) {
      expect(
        chooseReplyLanguage({ detected: unreliable, stored, tenantDefault: 'de', supported: SUPPORTED }),
      ).toEqual({ language: 'de', source: 'tenant-default' });
    }
  });

  it('uses the tenant default even when it is not in `supported`, or nothing is supported', () => {
    expect(
      chooseReplyLanguage({ detected: reliable('fr'), stored: 'es', tenantDefault: 'nl', supported: ['en'] }),
    ).toEqual({ language: 'nl', source: 'tenant-default' });
    expect(
      chooseReplyLanguage({ detected: reliable('fr'), stored: 'fr', tenantDefault: 'en', supported: [] }),
    ).toEqual({
      language: 'en',
      source: 'tenant-default',
    });
  });

  it("matches codes on their primary subtag and answers with `supported`'s spelling", () => {
    expect(
      chooseReplyLanguage({
        detected: unreliable,
        stored: 'pt-BR',
        tenantDefault: 'en',
        supported: SUPPORTED,
      }),
    ).toEqual({ language: 'pt', source: 'stored' });
    expect(
      chooseReplyLanguage({
        detected: reliable('pt'),
        stored: null,
        tenantDefault: 'en',
        supported: ['en', 'pt-BR'],
      }),
    ).toEqual({ language: 'pt-BR', source: 'detected' });
    expect(
      chooseReplyLanguage({
        detected: unreliable,
        stored: null,
        tenantDefault: 'ES',
        supported: ['en', 'es-MX'],
      }),
    ).toEqual({ language: 'es-MX', source: 'tenant-default' });
  });
});
