import { describe, expect, it } from 'vitest';
import { emptyConfusion, metricsFrom } from './detection-metrics.ts';

describe('metricsFrom', () => {
  it('computes per-class precision, recall and F1 and the legitimate-message rates', () => {
    const confusion = emptyConfusion();
    confusion.scam.scam = 8;
    confusion.scam.suspicious = 1;
    confusion.scam.safe = 1;
    confusion.spam.spam = 4;
    confusion.spam.scam = 1;
    confusion.safe.safe = 97;
    confusion.safe.scam = 1;
    confusion.safe.suspicious = 2;
    const metrics = metricsFrom(confusion);
    expect(metrics.total).toBe(115);
    const scam = metrics.perClass[0];
    expect(scam).toMatchObject({ label: 'scam', support: 10, recall: 0.8 });
    expect(scam?.precision).toBeCloseTo(0.8); // 8 of the 10 called scam
    expect(scam?.f1).toBeCloseTo(0.8);
    expect(metrics.perClass[1]).toMatchObject({ label: 'spam', precision: 1, recall: 0.8 });
    expect(metrics.legitFlaggedAsScam).toBeCloseTo(0.01);
    expect(metrics.legitFlagged).toBeCloseTo(0.03);
    expect(metrics.scamWarned).toBeCloseTo(0.9);
  });

  it('reports zeros, not NaN, for an empty matrix', () => {
    const metrics = metricsFrom(emptyConfusion());
    expect(metrics.perClass.every((m) => m.precision === 0 && m.recall === 0 && m.f1 === 0)).toBe(true);
    expect(metrics.legitFlaggedAsScam).toBe(0);
  });
});
