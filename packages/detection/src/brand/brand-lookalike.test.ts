import { describe, expect, it } from 'vitest';
import { parseUrl } from '../url/url-extractor.ts';
import { splitHost } from '../url/url-host.ts';
import { createBrandContext, isTrustedHost, tenantLookalike } from './brand-context.ts';
import { hostTokens } from './brand-lookalike.ts';
import { knownBrandLookalike } from './known-brand-lookalike.ts';
import { KNOWN_BRANDS } from './known-brands.ts';

const context = createBrandContext(['demobank.com']);

/** Hosts as the scanner sees them: parsed from a link, so IDNs arrive as punycode. */
function asciiHost(host: string): string {
  const parsed = parseUrl(`https://${host}/`);
  if (!parsed) throw new Error(`not a host: ${host}`);
  return parsed.host;
}

function tenantKind(host: string): string | null {
  const ascii = asciiHost(host);
  const parts = splitHost(ascii);
  return isTrustedHost(ascii, context) ? null : tenantLookalike(parts, hostTokens(parts), context);
}

function knownBrand(host: string): string | null {
  const parts = splitHost(asciiHost(host));
  return knownBrandLookalike(parts, hostTokens(parts));
}

describe('tenant brand look-alikes for demobank.com', () => {
  it.each([
    ['demobank-secure.com', 'embedded'],
    ['demobank-secure-login.com', 'embedded'],
    ['secure-demobank.xyz', 'embedded'],
    ['mydemobank.net', 'embedded'],
    ['demobanking-online.com', 'embedded'],
    ['demobank.com.verify.io', 'embedded'],
    ['demobank.verify-account.net', 'embedded'],
    ['demobank.net', 'other_suffix'],
    ['demobank.co.uk', 'other_suffix'],
    ['demobank.github.io', 'other_suffix'],
    ['dem0bank.com', 'confusable'],
    ['dernobank.com', 'confusable'],
    ['demo-bank.com', 'confusable'],
    ['démobank.com', 'confusable'],
    ['demob\u0430nk.com', 'confusable'],
    ['xn--demobnk-6fg.com', 'confusable'],
    ['d\u0435mob\u0430nk-login.com', 'embedded'],
    ['my-demo-bank.org', 'embedded'],
    ['demobamk.com', 'typo'],
    ['demobnak.com', 'typo'],
    ['demobakn.net', 'typo'],
  ])('flags %s (%s)', (host, kind) => {
    expect(tenantKind(host)).toBe(kind);
  });

  it.each(['demobank.com', 'www.demobank.com', 'pay.demobank.com', 'a.b.demobank.com', 'DemoBank.COM'])(
    'never flags its own %s',
    (host) => {
      expect(isTrustedHost(asciiHost(host), context)).toBe(true);
      expect(tenantKind(host)).toBeNull();
    },
  );

  it.each(['example.com', 'bank.com', 'demo.com', 'bank-demo.com', 'demolition.com', 'demos-banking.com'])(
    'leaves unrelated %s alone',
    (host) => {
      expect(tenantKind(host)).toBeNull();
    },
  );

  it('accepts brand domains written as URLs, with www., in capitals or in Unicode', () => {
    expect(isTrustedHost('demobank.com', createBrandContext(['https://www.DemoBank.com/']))).toBe(true);
    const unicode = createBrandContext(['bancodémo.es']);
    expect(isTrustedHost('www.xn--bancodmo-g1a.es', unicode)).toBe(true);
    const parts = splitHost(asciiHost('bancodemo.es'));
    expect(tenantLookalike(parts, hostTokens(parts), unicode)).toBe('confusable');
  });

  it('protects several brand domains at once', () => {
    const two = createBrandContext(['demobank.com', 'demopay.app']);
    const parts = splitHost('demopay-verify.com');
    expect(tenantLookalike(parts, hostTokens(parts), two)).toBe('embedded');
    expect(isTrustedHost('checkout.demopay.app', two)).toBe(true);
  });
});

describe('known brand look-alikes', () => {
  it.each([
    ['paypa1.com', 'paypal'],
    ['paypal-login.xyz', 'paypal'],
    ['paypal-secure-login.com', 'paypal'],
    ['securepaypallogin.com', 'paypal'],
    ['paypal.com.account-check.top', 'paypal'],
    ['paypal.top', 'paypal'],
    ['paypal.github.io', 'paypal'],
    ['amaz0n-prime.shop', 'amazon'],
    ['amazonprime-gift.com', 'amazon'],
    ['netfl1x.com', 'netflix'],
    ['whatsap.com', 'whatsapp'],
    ['dhl-parcel.info', 'dhl'],
    ['dhltracking.com', 'dhl'],
    ['upsdelivery.net', 'ups'],
    ['usps-redelivery.com', 'usps'],
    ['royalmail-redelivery.top', 'royalmail'],
    ['a\u0440ple.com', 'apple'],
    ['\u0430\u0440\u0440\u04cf\u0435.com', 'apple'],
    ['xn--80ak6aa92e.com', 'apple'],
    ['micros0ft-office.com', 'microsoft'],
    ['rnicrosoft.com', 'microsoft'],
    ['hmrc-refund.com', 'hmrc'],
    ['wellsfargo-alert.com', 'wellsfargo'],
    ['correosentrega.com', 'correos'],
    ['bbva-seguro.com', 'bbva'],
    ['agenciatributaria-reembolso.com', 'agenciatributaria'],
    ['correios-rastreio.com', 'correios'],
    ['nubank-conta.com', 'nubank'],
    ['impots-remboursement.fr', 'impots'],
    ['ameli-assure.fr', 'ameli'],
    ['sparkasse-verify.de', 'sparkasse'],
    ['sparkasse.secure-login.xyz', 'sparkasse'],
    ['1ng.com', 'ing'],
    ['ing-verify.com', 'ing'],
  ])('flags %s as %s', (host, brand) => {
    expect(knownBrand(host)).toBe(brand);
  });

  // Popular legitimate sites in the reply markets, and words that nearly spell a brand.
  it.each([
    'paypal.com',
    'www.paypal.com',
    'paypal.de',
    'amazon.co.uk',
    'amazon.de',
    'amazonaws.com',
    'groups.google.com',
    'wa.me',
    'pineapple.com',
    'groups.io',
    'finance.yahoo.com',
    'revolt.com',
    'revolution.com',
    'correo.gob.es',
    'correios.com.br',
    'caixabank.es',
    'bancosantander.es',
    'bancsabadell.com',
    'credit-agricole.fr',
    'impots.gouv.fr',
    'receita.fazenda.gov.br',
    'www.seg-social.es',
    'natwestgroup.com',
    'amazonas.com.br',
    'kelsterbach.de',
    'sparkasse-koelnbonn.de',
    'volksbank-mittelhessen.de',
    'gls-bank.de',
    'online-banking.com',
    'tracking-info.com',
    'checking-account.com',
    'lng-shipping.com',
    'telegraph.co.uk',
    'postal.com',
    'bbc.co.uk',
    'elpais.com',
    'lemonde.fr',
    'spiegel.de',
    'globo.com',
    'publico.pt',
    'mercadolivre.com.br',
    'booking.com',
    'zalando.de',
    'leboncoin.fr',
    'vinted.fr',
    'idealista.com',
    'tesco.com',
    'nhs.uk',
    'service-public.fr',
    'novobanco.pt',
    'abanca.com',
    'kutxabank.es',
    'consorsbank.de',
    'c6bank.com.br',
  ])('does not flag %s', (host) => {
    expect(knownBrand(host)).toBeNull();
  });

  it('has about 80 or more brands, with unique lowercase ASCII labels', () => {
    const labels = KNOWN_BRANDS.map((brand) => brand.label);
    expect(labels.length).toBeGreaterThanOrEqual(80);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[a-z0-9-]+$/);
  });
});
