import { describe, expect, it } from 'vitest';
import { parseDomainList } from './domain-list.ts';

describe('parseDomainList', () => {
  it('reads plain domains and hosts-file lines, with comments, BOM and CRLF', () => {
    const doc = [
      '\uFEFF# Title: a blocklist',
      '127.0.0.1 localhost',
      '::1 ip6-localhost ip6-loopback',
      '0.0.0.0 bad.example   # inline comment',
      '0.0.0.0\tone.example two.example',
      '',
      'Plain.Example',
      'www.with-www.example',
      '*.wild.example',
      '||adblock.example^',
      'bücher.example',
    ].join('\r\n');
    const result = parseDomainList(doc);
    expect(result.entries.map((e) => e.value)).toEqual([
      'bad.example',
      'one.example',
      'two.example',
      'plain.example',
      'with-www.example',
      'wild.example',
      'adblock.example',
      'xn--bcher-kva.example',
    ]);
    expect(result.entries.every((e) => e.kind === 'domain')).toBe(true);
    expect(result.rejected.byReason).toEqual({ 'local-name': 3 });
  });

  it('rejects garbage, public suffixes and oversized lines; counts duplicates', () => {
    const doc = [
      'bad.example',
      'BAD.example.',
      '0.0.0.0 bad.example',
      'two words here',
      'no_dot',
      'co.uk',
      'http://bad.example/path',
      'x'.repeat(9_000),
      `${'a'.repeat(1_100)}.example`,
    ].join('\n');
    const result = parseDomainList(doc);
    expect(result.entries).toEqual([{ kind: 'domain', value: 'bad.example' }]);
    expect(result.duplicates).toBe(2);
    expect(result.rejected.byReason).toEqual({
      malformed: 1,
      'invalid-host': 2,
      'public-suffix': 1,
      'too-long': 2,
    });
  });
});
