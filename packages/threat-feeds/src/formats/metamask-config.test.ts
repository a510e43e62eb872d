import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseMetamaskConfig } from './metamask-config.ts';

const require = createRequire(import.meta.url);

describe('parseMetamaskConfig', () => {
  it('turns blacklist into domain entries and whitelist into allow entries, keeping the fuzzy list', () => {
    const doc = JSON.stringify({
      version: 2,
      tolerance: 2,
      fuzzylist: ['metamask.io', 7],
      whitelist: ['metamask.io', 'WWW.Legit.example'],
      blacklist: [
        'evil.example',
        'metamask.io.evil.example',
        'evil.example',
        42,
        'iclexofmarket',
        'github.io',
      ],
    });
    const result = parseMetamaskConfig(`\uFEFF${doc}`);
    expect(result.entries).toEqual([
      { kind: 'domain', value: 'evil.example' },
      { kind: 'domain', value: 'metamask.io.evil.example' },
      { kind: 'allow', value: 'metamask.io' },
      { kind: 'allow', value: 'legit.example' },
    ]);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.byReason).toEqual({ malformed: 1, 'invalid-host': 1, 'public-suffix': 1 });
    expect(result.fuzzy).toEqual({ tolerance: 2, domains: ['metamask.io'] });
    expect(result.documentVersion).toBe('2');
  });

  it('accepts the newer allowlist/blocklist names and defaults the tolerance', () => {
    const result = parseMetamaskConfig('{"blocklist":["evil.example"],"allowlist":["ok.example"]}');
    expect(result.entries).toEqual([
      { kind: 'domain', value: 'evil.example' },
      { kind: 'allow', value: 'ok.example' },
    ]);
    expect(result.fuzzy).toEqual({ tolerance: 3, domains: [] });
  });

  it('throws when the document is unusable', () => {
    expect(() => parseMetamaskConfig('not json')).toThrow(/MetaMask configuration is not valid JSON/);
    expect(() => parseMetamaskConfig('[]')).toThrow(/must be a JSON object/);
    expect(() => parseMetamaskConfig('{"whitelist":[]}')).toThrow(/no blacklist/);
  });

  it('reads the configuration shipped in eth-phishing-detect', () => {
    const path = require.resolve('eth-phishing-detect/src/config.json');
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { blacklist: string[]; whitelist: string[] };
    const result = parseMetamaskConfig(readFileSync(path, 'utf8'));
    const domains = result.entries.filter((e) => e.kind === 'domain');
    const allows = result.entries.filter((e) => e.kind === 'allow');
    // Nearly all of the ~13,700 blacklist entries are usable; the few rejected are garbage.
    expect(domains.length).toBeGreaterThan(raw.blacklist.length - 50);
    expect(domains.length + result.rejected.count + result.duplicates).toBeGreaterThanOrEqual(
      raw.blacklist.length,
    );
    expect(allows.length).toBeGreaterThan(raw.whitelist.length - 20);
    expect(domains).toContainEqual({ kind: 'domain', value: 'nfts-mints.com' });
    expect(allows).toContainEqual({ kind: 'allow', value: 'metmask.com' });
    expect(result.rejected.byReason['invalid-host']).toBeGreaterThan(0);
    expect(result.fuzzy?.domains).toContain('etherscan.io');
    expect(result.fuzzy?.tolerance).toBe(2);
  });
});
