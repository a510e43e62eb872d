import { describe, expect, it } from 'vitest';
import { splitHost } from '../url/url-host.ts';
import { createBrandContext, isTrustedHost, knownBrandLookalike, tenantLookalike } from './brand-context.ts';
import { hostTokens, skeleton } from './brand-lookalike.ts';

const context = createBrandContext(['demobank.com']);

function tenantKind(host: string): string | null {
  const parts = splitHost(host);
  return isTrustedHost(host, context) ? null : tenantLookalike(parts, hostTokens(parts), context);
}

function knownBrand(host: string): string | null {
  const parts = splitHost(host);
  return knownBrandLookalike(parts, hostTokens(parts));
}

describe('tenant brand look-alikes for demobank.com', () => {
  it.each([
    ['dem0bank.com', 'confusable'],
    ['dernobank.com', 'confusable'],
    ['demobamk.com', 'typo'],
    ['demobnak.com', 'typo'],
    ['demobank-login.com', 'embedded'],
    ['demobank-secure-login.com', 'embedded'],
    ['mydemobank.net', 'embedded'],
    ['demobank.com.secure-verify.xyz', 'embedded'],
    ['demobank.net', 'other_suffix'],
    ['d\u0435mobank.com', 'confusable'],
  ])('flags %s (%s)', (host, kind) => {
    expect(tenantKind(host)).toBe(kind);
  });

  it.each(['demobank.com', 'www.demobank.com', 'pay.demobank.com', 'a.b.demobank.com'])(
    'never flags %s',
    (host) => {
      expect(isTrustedHost(host, context)).toBe(true);
      expect(tenantKind(host)).toBeNull();
    },
  );

  it.each(['example.com', 'bank.com', 'demo.com', 'notdemo-bank.org'])(
    'leaves unrelated %s alone',
    (host) => {
      expect(tenantKind(host)).toBeNull();
    },
  );

  it('accepts brand domains written as URLs or with www.', () => {
    const loose = createBrandContext(['https://www.DemoBank.com/']);
    expect(isTrustedHost('demobank.com', loose)).toBe(true);
  });
});

describe('known brand look-alikes', () => {
  it.each([
    ['paypa1.com', 'paypal'],
    ['paypal-login.xyz', 'paypal'],
    ['paypal.com.account-check.top', 'paypal'],
    ['amaz0n-prime.shop', 'amazon'],
    ['netfl1x.com', 'netflix'],
    ['dhl-parcel.info', 'dhl'],
    ['usps-redelivery.com', 'usps'],
    ['whatsap.com', 'whatsapp'],
  ])('flags %s as %s', (host, brand) => {
    expect(knownBrand(host)).toBe(brand);
  });

  it.each([
    'paypal.com',
    'www.paypal.com',
    'amazon.co.uk',
    'amazon.de',
    'amazonaws.com',
    'groups.google.com',
    'wa.me',
    'pineapple.com',
    'groups.io',
  ])('does not flag %s', (host) => {
    expect(knownBrand(host)).toBeNull();
  });
});

describe('skeleton', () => {
  it('maps visual confusions to one form', () => {
    expect(skeleton('dem0bank')).toBe(skeleton('dernobank'));
    expect(skeleton('paypa1')).toBe(skeleton('paypal'));
    expect(skeleton('vvhatsapp')).toBe(skeleton('whatsapp'));
  });
});
