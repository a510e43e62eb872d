import { describe, expect, it } from 'vitest';
import { cleanInline, defang, truncate } from './whatsapp-format.ts';

describe('whatsapp-format', () => {
  it('truncates with an ellipsis within the limit', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
    expect(truncate('abc', 5)).toBe('abc');
  });

  it('cleans outside text to one unformatted line', () => {
    expect(cleanInline(' *Big*\n_offer_ ~now~ ```x``` ', 100)).toBe('Big offer now x');
  });

  it('defangs host dots but not decimal points', () => {
    expect(defang('dem0bank.com pay £1.45')).toBe('dem0bank[.]com pay £1.45');
    expect(defang('a.b.c.xyz')).toBe('a[.]b[.]c[.]xyz');
  });
});
