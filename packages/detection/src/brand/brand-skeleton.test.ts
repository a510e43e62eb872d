import { describe, expect, it } from 'vitest';
import { skeleton } from './brand-skeleton.ts';

describe('skeleton', () => {
  it.each([
    ['dem0bank', 'demobank'],
    ['dernobank', 'demobank'],
    ['demo-bank', 'demobank'],
    ['DEMOBANK', 'demobank'],
    ['démobank', 'demobank'],
    ['demob\u0430nk', 'demobank'],
    ['d\u0435m\u03bfbank', 'demobank'],
    ['paypa1', 'paypal'],
    ['paypai', 'paypal'],
    ['vvhatsapp', 'whatsapp'],
    ['1cloud', 'icloud'],
    ['g00gle', 'google'],
    ['amaz\u0131n', 'amazin'],
    ['\u0251mazon', 'amazon'],
    ['micr\u00f8soft', 'microsoft'],
  ])('%s looks like %s', (spoof, real) => {
    expect(skeleton(spoof)).toBe(skeleton(real));
  });

  it.each([
    ['demobank', 'demopank'],
    ['paypal', 'paypat'],
    ['amazon', 'amazing'],
  ])('%s does not look like %s', (a, b) => {
    expect(skeleton(a)).not.toBe(skeleton(b));
  });
});
