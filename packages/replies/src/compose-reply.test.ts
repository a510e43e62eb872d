import type { ScanResult, Signal, Verdict } from '@elara/detection/types';
import { SIGNAL_CODES, VERDICTS } from '@elara/detection/types';
import { scanMessage } from '@elara/detection/scan';
import { describe, expect, it } from 'vitest';
import {
  composeRateLimitNotice,
  composeVerdictReply,
  describeSignal,
  REPLY_MAX_CHARS,
  resolveReplyLanguage,
} from './compose-reply.ts';
import type { ReplyLanguage } from './compose-reply.ts';
import { REPLY_LANGUAGES } from './language/reply-language.ts';
import { REPLY_CATALOGS } from './locales/reply-catalogs.ts';

const TENANT = 'DemoBank';

function scanOf(verdict: Verdict, signals: Signal[] = [], urlsOmitted = 0): ScanResult {
  return { verdict, score: 0.5, signals, urls: [], urlsOmitted, language: null };
}

function reply(scan: ScanResult, language: string, firstContact = false): string {
  return composeVerdictReply({ scan, language, tenantName: TENANT, firstContact });
}

const SAMPLE_SIGNALS: Signal[] = [
  { code: 'url.lookalike_tenant', weight: 0.9, detail: 'dem0bank.com' },
  { code: 'text.credential_request', weight: 0.55, detail: 'verify your account' },
  { code: 'text.urgency', weight: 0.3, detail: 'within 24 hours' },
];

describe('composeVerdictReply in every language', () => {
  const cases = REPLY_LANGUAGES.flatMap((language) =>
    VERDICTS.map((verdict) => [language, verdict] as const),
  );

  it.each(cases)('%s / %s: verdict first, next step last, within the cap', (language, verdict) => {
    const catalog = REPLY_CATALOGS[language];
    const text = reply(scanOf(verdict, SAMPLE_SIGNALS), language);
    expect(text.startsWith(catalog.verdictLine[verdict])).toBe(true);
    expect(text.endsWith(catalog.nextStep[verdict](TENANT))).toBe(true);
    expect(text).toContain(catalog.reasonsHeading[verdict]);
    expect(text.length).toBeLessThanOrEqual(REPLY_MAX_CHARS);
  });

  it('uses WhatsApp formatting: bold verdict label, italic quotes, bullets', () => {
    const text = reply(scanOf('scam', SAMPLE_SIGNALS), 'en');
    expect(text).toMatch(/^🚨 \*Scam\*/);
    expect(text).toContain('_"verify your account"_');
    expect(text).toContain('\n• ');
  });

  it('has a sentence for every signal code in every language', () => {
    for (const language of REPLY_LANGUAGES) {
      for (const code of SIGNAL_CODES)
        expect(REPLY_CATALOGS[language].reasons[code](TENANT).length).toBeGreaterThan(10);
    }
  });
});

describe('reasons', () => {
  it('lists at most three, in the order of the signals that fired, and nothing else', () => {
    const scan = scanMessage({
      text: 'URGENT: your DemoBank account has been blocked. Verify your account and pay the release fee at http://185.23.4.9:8080/login',
      brandDomains: ['demobank.com'],
    });
    const catalog = REPLY_CATALOGS.en;
    const bullets = reply(scan, 'en')
      .split('\n')
      .filter((line) => line.startsWith('• '));
    expect(scan.signals.length).toBeGreaterThan(3);
    expect(bullets).toHaveLength(3);
    bullets.forEach((line, i) => {
      const code = scan.signals[i]?.code as (typeof SIGNAL_CODES)[number];
      expect(line.startsWith(`• ${catalog.reasons[code](TENANT)}`)).toBe(true);
    });
  });

  it('shows no reasons when nothing fired', () => {
    const text = reply(scanOf('safe'), 'en');
    expect(text).not.toContain('•');
    expect(text).not.toContain('Good to know');
  });

  it('defangs hosts so the reply holds no tappable scam link', () => {
    const text = reply(scanOf('scam', SAMPLE_SIGNALS), 'en');
    expect(text).toContain('dem0bank[.]com');
    expect(text).not.toContain('dem0bank.com');
  });

  it('strips formatting characters and line breaks from quoted details', () => {
    const signals: Signal[] = [{ code: 'text.urgency', weight: 0.3, detail: '*act*\nnow_' }];
    expect(reply(scanOf('suspicious', signals), 'en')).toContain('_"act now"_');
  });

  it('uses a generic sentence for a code this package does not know yet', () => {
    const signals: Signal[] = [{ code: 'url.future_signal', weight: 0.5, detail: 'x.example' }];
    expect(reply(scanOf('suspicious', signals), 'de')).toContain(REPLY_CATALOGS.de.genericReason.url);
  });
});

describe('welcome and links note', () => {
  it('welcomes on first contact only, before the verdict', () => {
    const first = reply(scanOf('safe'), 'es', true);
    const later = reply(scanOf('safe'), 'es', false);
    expect(first.startsWith(REPLY_CATALOGS.es.welcome(TENANT))).toBe(true);
    expect(first.split('\n\n')[1]).toBe(REPLY_CATALOGS.es.verdictLine.safe);
    expect(later).not.toContain(REPLY_CATALOGS.es.welcome(TENANT));
  });

  it('says only the first N links were checked when some were omitted', () => {
    const scan: ScanResult = {
      ...scanOf('suspicious'),
      urls: Array.from({ length: 5 }, (_, i) => ({
        url: `https://s${i}.example/`,
        host: `s${i}.example`,
        signals: [],
        risk: 0,
      })),
      urlsOmitted: 3,
    };
    expect(reply(scan, 'en')).toContain('Only the first 5 of 8 links were checked.');
    expect(reply(scan, 'fr')).toContain('Seuls les 5 premiers des 8 liens ont été vérifiés.');
    expect(reply(scanOf('suspicious'), 'en')).not.toContain('links were checked');
  });
});

describe('length cap', () => {
  it('stays under 1,600 characters with a pathological scan and keeps verdict and next step', () => {
    const signals: Signal[] = SIGNAL_CODES.map((code, i) => ({
      code,
      weight: 1 - i / 100,
      detail: `${'very long detail '.repeat(300)}*_~`,
    }));
    const tenantName = `Demo${'Bank'.repeat(500)}`;
    for (const language of REPLY_LANGUAGES) {
      for (const verdict of VERDICTS) {
        const text = composeVerdictReply({
          scan: scanOf(verdict, signals, 9_999),
          language,
          tenantName,
          firstContact: true,
        });
        expect(text.length).toBeLessThanOrEqual(REPLY_MAX_CHARS);
        expect(text).toContain(REPLY_CATALOGS[language].verdictLine[verdict]);
        expect(text).toMatch(/👉[^\n]+$/);
      }
    }
  });
});

describe('language resolution', () => {
  it.each<[string | null | undefined, ReplyLanguage]>([
    ['en', 'en'],
    ['ES', 'es'],
    ['pt-BR', 'pt'],
    ['fr_CA', 'fr'],
    [' de ', 'de'],
    ['it', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%s resolves to %s', (code, expected) => {
    expect(resolveReplyLanguage(code)).toBe(expected);
  });

  it('falls back to English text for an unknown language', () => {
    expect(reply(scanOf('scam'), 'tlh')).toBe(reply(scanOf('scam'), 'en'));
  });
});

describe('composeRateLimitNotice', () => {
  it.each(REPLY_LANGUAGES)('is polite, names the tenant and fits the cap in %s', (language) => {
    const text = composeRateLimitNotice(language, TENANT);
    expect(text).toBe(REPLY_CATALOGS[language].rateLimit(TENANT));
    expect(text).toContain(TENANT);
    expect(text.length).toBeLessThanOrEqual(REPLY_MAX_CHARS);
  });

  it('falls back to English and to a default name', () => {
    expect(composeRateLimitNotice('zz', '  ')).toBe(REPLY_CATALOGS.en.rateLimit('Elara'));
  });
});

describe('describeSignal', () => {
  it('gives the reason as plain text in the asked language, with its detail', () => {
    const signal: Signal = { code: 'url.threat_feed', weight: 0.95, detail: 'openphish' };
    expect(describeSignal(signal, 'en')).toBe(
      'The link is on a list of known scam or malware sites: openphish',
    );
    expect(describeSignal(signal, 'de')).toBe(
      'Der Link steht auf einer Liste bekannter Betrugs- oder Schadseiten: openphish',
    );
    expect(describeSignal({ code: 'url.tenant_blocked', weight: 0.95 }, 'fr', 'Demo Bank')).toBe(
      'Demo Bank a signalé ce lien comme frauduleux',
    );
  });

  it('hides details that mean nothing to a reader', () => {
    expect(describeSignal({ code: 'url.plain_http', weight: 0.1, detail: 'x.example' }, 'en')).toBe(
      'The link is not secure (http, not https)',
    );
  });
});
