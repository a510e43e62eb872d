import { describe, expect, it } from 'vitest';
import type { Signal, UrlFinding } from '../detection.types.ts';
import { noisyOr } from './noisy-or.ts';
import { decideVerdict, SCAM_SCORE } from './verdict-policy.ts';

const text = (code: string, weight: number): Signal => ({ code, weight });
const link = (risk: number, ...codes: string[]): UrlFinding => ({
  url: 'https://example.com/',
  host: 'example.com',
  risk,
  signals: codes.map((code) => ({ code, weight: risk })),
});

describe('decideVerdict', () => {
  it('is safe with no evidence', () => {
    expect(decideVerdict({ textSignals: [], urls: [], hasUntrustedLink: false })).toEqual({
      verdict: 'safe',
      score: 0,
      rule: null,
    });
  });

  it('calls a brand look-alike link a scam on its own', () => {
    const decision = decideVerdict({
      textSignals: [],
      urls: [link(0.9, 'url.lookalike_tenant')],
      hasUntrustedLink: true,
    });
    expect(decision).toMatchObject({ verdict: 'scam', rule: 'link imitates a brand' });
  });

  it.each([
    ['credential or code request with a link', [text('text.credential_request', 0.55)], true],
    [
      'credential or code request with pressure',
      [text('text.otp_request', 0.8), text('text.urgency', 0.3)],
      false,
    ],
    ['payment demand with urgency', [text('text.payment_request', 0.45), text('text.urgency', 0.3)], false],
    [
      'payment request from an impersonator',
      [text('text.payment_request', 0.2), text('text.impersonation', 0.45)],
      false,
    ],
    ['fee to collect a prize', [text('text.payment_request', 0.45), text('text.prize', 0.35)], false],
    [
      'job or investment lure asking for money',
      [text('text.job_investment_lure', 0.3), text('text.payment_request', 0.2)],
      false,
    ],
  ])('applies "%s"', (rule, textSignals, hasUntrustedLink) => {
    const decision = decideVerdict({ textSignals, urls: [], hasUntrustedLink });
    expect(decision).toMatchObject({ verdict: 'scam', rule });
    expect(decision.score).toBeGreaterThanOrEqual(SCAM_SCORE);
  });

  it('treats an IP link plus urgency as a scam', () => {
    const decision = decideVerdict({
      textSignals: [text('text.urgency', 0.3)],
      urls: [link(0.64, 'url.ip_literal', 'url.plain_http')],
      hasUntrustedLink: true,
    });
    expect(decision).toMatchObject({ verdict: 'scam', rule: 'risky link with a fraud cue' });
  });

  it('does not let a credential request with only a tenant link become a scam', () => {
    const decision = decideVerdict({
      textSignals: [text('text.credential_request', 0.55)],
      urls: [link(0)],
      hasUntrustedLink: false,
    });
    expect(decision.verdict).toBe('suspicious');
  });

  it('needs one strong side before a family greeting plus payment is a scam', () => {
    const textSignals = [text('text.payment_request', 0.2), text('text.impersonation', 0.3)];
    expect(decideVerdict({ textSignals, urls: [], hasUntrustedLink: false }).verdict).toBe('suspicious');
  });

  it('is suspicious for medium fraud evidence', () => {
    expect(
      decideVerdict({ textSignals: [text('text.impersonation', 0.45)], urls: [], hasUntrustedLink: false })
        .verdict,
    ).toBe('suspicious');
  });

  it('is spam for marketing or prize cues without fraud cues, however many', () => {
    const textSignals = [
      text('text.marketing', 0.7),
      text('text.prize', 0.5),
      text('text.premium_rate', 0.4),
    ];
    const decision = decideVerdict({ textSignals, urls: [], hasUntrustedLink: false });
    expect(decision.verdict).toBe('spam');
    expect(decision.score).toBeCloseTo(noisyOr([0.7, 0.5, 0.4]), 3);
  });

  it('is suspicious when a weak fraud cue rides on spam cues', () => {
    const textSignals = [text('text.prize', 0.35), text('text.urgency', 0.3)];
    expect(decideVerdict({ textSignals, urls: [], hasUntrustedLink: false }).verdict).toBe('suspicious');
  });

  it('stays safe for a lone weak cue', () => {
    expect(
      decideVerdict({ textSignals: [text('text.urgency', 0.3)], urls: [], hasUntrustedLink: false }).verdict,
    ).toBe('safe');
    expect(
      decideVerdict({ textSignals: [text('text.marketing', 0.15)], urls: [], hasUntrustedLink: false })
        .verdict,
    ).toBe('safe');
  });
});

describe('noisyOr', () => {
  it('combines independent evidence and stays within 0..1', () => {
    expect(noisyOr([])).toBe(0);
    expect(noisyOr([0.5, 0.5])).toBeCloseTo(0.75);
    expect(noisyOr([1, 0.2])).toBe(1);
    expect(noisyOr([2, -1])).toBe(1);
  });
});
