import { describe, expect, it } from 'vitest';
import { layoutReply } from './reply-layout.ts';

const blocks = {
  before: ['VERDICT'],
  heading: 'Why:',
  reasons: ['first reason that is fairly long', 'second reason', 'third reason'],
  after: ['NEXT STEP'],
};

describe('layoutReply', () => {
  it('joins blocks with blank lines and reasons under their heading', () => {
    expect(layoutReply(blocks, 1_600)).toBe(
      'VERDICT\n\nWhy:\nfirst reason that is fairly long\nsecond reason\nthird reason\n\nNEXT STEP',
    );
  });

  it('drops trailing reasons that do not fit', () => {
    const text = layoutReply(blocks, 71);
    expect(text).toBe('VERDICT\n\nWhy:\nfirst reason that is fairly long\nsecond reason\n\nNEXT STEP');
    expect(text.length).toBe(71);
    expect(layoutReply(blocks, 70)).not.toContain('second reason');
  });

  it('cuts the first reason short rather than showing none', () => {
    const text = layoutReply(blocks, 50);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text).toMatch(/^VERDICT\n\nWhy:\nfirst reason.*…\n\nNEXT STEP$/);
  });

  it('drops the heading with the reasons when nothing useful fits', () => {
    expect(layoutReply(blocks, 30)).toBe('VERDICT\n\nNEXT STEP');
  });
});
