import type { ScanResult } from '@elara/detection/types';
import { describe, expect, it } from 'vitest';
import { composeMediaOnlyReply, composeVerdictReply } from './compose-reply.ts';

const safeScan: ScanResult = {
  verdict: 'safe',
  score: 0,
  signals: [],
  urls: [],
  urlsOmitted: 0,
  language: null,
};

describe('attachments', () => {
  it.each(['en', 'es', 'pt', 'fr', 'de'])(
    'says in %s that a media-only message could not be checked',
    (language) => {
      const reply = composeMediaOnlyReply(language, 'Demo Bank', false);
      expect(reply).toMatch(/^📎/);
      expect(reply).not.toMatch(/safe|seguro|sûr|sicher/i);
    },
  );

  it('welcomes a first-time user before the media notice', () => {
    const reply = composeMediaOnlyReply('en', 'Demo Bank', true);
    expect(reply.indexOf('Demo Bank')).toBeLessThan(reply.indexOf('📎'));
  });

  it('notes unchecked attachments under a verdict, and only when there were some', () => {
    const base = { scan: safeScan, language: 'en', tenantName: 'Demo Bank', firstContact: false };
    expect(composeVerdictReply({ ...base, mediaCount: 2 })).toMatch(/Attachments .* were not checked/);
    expect(composeVerdictReply(base)).not.toMatch(/Attachments/);
  });
});
