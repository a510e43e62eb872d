import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOfflineThreatIndex } from './offline-threat-index.ts';

describe('buildOfflineThreatIndex', () => {
  it('loads the built-in MetaMask feed with no database', () => {
    const index = buildOfflineThreatIndex();
    expect(index.size.domains).toBeGreaterThan(1_000);
    // Entries of eth-phishing-detect 1.2.0's blacklist and whitelist.
    expect(index.match('https://nfts-mints.com/claim', 'nfts-mints.com')).toEqual([
      { feed: 'metamask', kind: 'host' },
    ]);
    expect(index.match('https://auctic.net/', 'auctic.net')).toEqual([]);
  });

  it('reads other feed files and names a feed it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'elara-feeds-'));
    writeFileSync(join(dir, 'bad.txt'), 'evil-login.example\n# comment\n');
    const index = buildOfflineThreatIndex([
      { name: 'local', format: 'domain-list', source: join(dir, 'bad.txt') },
    ]);
    expect(index.match('https://a.evil-login.example/x', 'a.evil-login.example')).toEqual([
      { feed: 'local', kind: 'domain' },
    ]);
    expect(() =>
      buildOfflineThreatIndex([{ name: 'gone', format: 'url-list', source: join(dir, 'nope.txt') }]),
    ).toThrow(/threat feed gone/);
  });
});
