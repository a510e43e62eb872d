import { describe, expect, it } from 'vitest';
import { parseFeed } from '../formats/feed-formats.ts';
import { createThreatIndex, createThreatIndexBuilder } from './threat-index.ts';

const index = createThreatIndex([
  {
    name: 'urlhaus',
    entries: [
      { kind: 'url', value: 'drive.bigcloud.example/file/d/abc/view?usp=sharing' },
      { kind: 'url', value: '1.2.3.4:4567/mozi.m' },
      { kind: 'url', value: 'shared.example/a' },
    ],
  },
  {
    name: 'blocklist',
    entries: [
      { kind: 'domain', value: 'evil.example' },
      { kind: 'domain', value: 'deep.sub.other.example' },
      { kind: 'domain', value: 'x.github.io' },
      { kind: 'domain', value: '46.226.108.171' },
      { kind: 'domain', value: 'xn--bcher-kva.example' },
      { kind: 'url', value: 'shared.example/a' },
    ],
  },
  {
    name: 'metamask',
    entries: [
      { kind: 'domain', value: 'evil.example' },
      { kind: 'domain', value: 'metmask.com' },
      { kind: 'domain', value: 'fake.wallet.example' },
      { kind: 'allow', value: 'metmask.com' },
      { kind: 'allow', value: 'wallet.example' },
    ],
  },
]);

describe('ThreatIndex url entries', () => {
  it('match only the exact URL, scheme, www., default port, trailing slash and fragment aside', () => {
    const expected = [{ feed: 'urlhaus', kind: 'url' }];
    for (const url of [
      'https://drive.bigcloud.example/file/d/abc/view?usp=sharing',
      'http://drive.bigcloud.example:80/file/d/abc/view/?usp=sharing#x',
      'https://www.drive.bigcloud.example/file/d/abc/view?usp=sharing',
    ])
      expect(index.match(url, 'drive.bigcloud.example'), url).toEqual(expected);
  });

  it('never match the rest of the host: URLhaus lists single URLs on big legitimate hosts', () => {
    expect(index.match('https://drive.bigcloud.example/file/d/other/view', 'drive.bigcloud.example')).toEqual(
      [],
    );
    expect(index.match('https://drive.bigcloud.example/', 'drive.bigcloud.example')).toEqual([]);
    // The query is part of the URL.
    expect(
      index.match('https://drive.bigcloud.example/file/d/abc/view?usp=other', 'drive.bigcloud.example'),
    ).toEqual([]);
  });

  it('keep the port and the path case', () => {
    expect(index.match('http://1.2.3.4:4567/mozi.m', '1.2.3.4')).toEqual([{ feed: 'urlhaus', kind: 'url' }]);
    expect(index.match('http://1.2.3.4/mozi.m', '1.2.3.4')).toEqual([]);
    expect(index.match('http://1.2.3.4:4567/Mozi.m', '1.2.3.4')).toEqual([]);
  });

  it('report every feed that lists the URL', () => {
    expect(index.match('http://shared.example/a', 'shared.example')).toEqual([
      { feed: 'urlhaus', kind: 'url' },
      { feed: 'blocklist', kind: 'url' },
    ]);
  });
});

describe('ThreatIndex domain entries', () => {
  it('match the host itself as host, and every subdomain as domain', () => {
    expect(index.match('http://evil.example/x', 'evil.example')).toEqual([
      { feed: 'blocklist', kind: 'host' },
      { feed: 'metamask', kind: 'host' },
    ]);
    expect(index.match('http://www.evil.example/x', 'www.evil.example')).toEqual([
      { feed: 'blocklist', kind: 'host' },
      { feed: 'metamask', kind: 'host' },
    ]);
    expect(index.match('http://a.b.evil.example/x', 'a.b.evil.example')).toEqual([
      { feed: 'blocklist', kind: 'domain' },
      { feed: 'metamask', kind: 'domain' },
    ]);
  });

  it('do not match parents, siblings or look-alike suffixes', () => {
    expect(index.match('http://sub.other.example/', 'sub.other.example')).toEqual([]);
    expect(index.match('http://other.example/', 'other.example')).toEqual([]);
    expect(index.match('http://x.deep.sub.other.example/', 'x.deep.sub.other.example')).toEqual([
      { feed: 'blocklist', kind: 'domain' },
    ]);
    expect(index.match('http://notevil.example/', 'notevil.example')).toEqual([]);
    expect(index.match('http://evil.example.com/', 'evil.example.com')).toEqual([]);
  });

  it('stop at the public suffix, private suffixes included', () => {
    expect(index.match('https://x.github.io/', 'x.github.io')).toEqual([{ feed: 'blocklist', kind: 'host' }]);
    expect(index.match('https://a.x.github.io/', 'a.x.github.io')).toEqual([
      { feed: 'blocklist', kind: 'domain' },
    ]);
    expect(index.match('https://y.github.io/', 'y.github.io')).toEqual([]);
  });

  it('normalise the host: case, trailing dot, IDN', () => {
    expect(index.match('http://EVIL.example./', 'EVIL.example.')).toHaveLength(2);
    expect(index.match('http://bücher.example/', 'bücher.example')).toEqual([
      { feed: 'blocklist', kind: 'host' },
    ]);
  });

  it('match IP entries exactly', () => {
    expect(index.match('http://46.226.108.171/', '46.226.108.171')).toEqual([
      { feed: 'blocklist', kind: 'host' },
    ]);
    expect(index.match('http://46.226.108.17/', '46.226.108.17')).toEqual([]);
  });

  it("let a feed's allow entries cancel that feed's domain matches, and only that feed's", () => {
    expect(index.match('https://metmask.com/', 'metmask.com')).toEqual([]);
    expect(index.match('https://fake.wallet.example/', 'fake.wallet.example')).toEqual([]);
    const shared = createThreatIndex([
      { name: 'a', entries: [{ kind: 'domain', value: 'both.example' }] },
      { name: 'b', entries: [{ kind: 'allow', value: 'both.example' }] },
    ]);
    expect(shared.match('https://www.both.example/', 'www.both.example')).toEqual([
      { feed: 'a', kind: 'host' },
    ]);
  });

  it('match nothing for an empty index or an unparsable link', () => {
    const empty = createThreatIndexBuilder().build();
    expect(empty.match('http://evil.example/', 'evil.example')).toEqual([]);
    expect(empty.size).toEqual({ urls: 0, domains: 0, allows: 0 });
    expect(index.match('not a url', '')).toEqual([]);
  });
});

describe('ThreatIndex over parsed feeds', () => {
  it('matches what the parsers produced, including defanged and IDN input', () => {
    const list = parseFeed('url-list', 'hxxps://phish[.]example/login/\nhttp://bücher.example/a\n');
    const domains = parseFeed('domain-list', '0.0.0.0 www.bad.example\n');
    const built = createThreatIndex([
      { name: 'openphish', entries: list.entries },
      { name: 'hosts', entries: domains.entries },
    ]);
    expect(built.match('http://phish.example/login', 'phish.example')).toEqual([
      { feed: 'openphish', kind: 'url' },
    ]);
    expect(built.match('http://xn--bcher-kva.example/a', 'xn--bcher-kva.example')).toEqual([
      { feed: 'openphish', kind: 'url' },
    ]);
    expect(built.match('http://bücher.example/a', 'bücher.example')).toEqual([
      { feed: 'openphish', kind: 'url' },
    ]);
    expect(built.match('http://bad.example/', 'bad.example')).toEqual([{ feed: 'hosts', kind: 'host' }]);
    expect(built.feeds).toEqual(['openphish', 'hosts']);
    expect(built.size).toEqual({ urls: 2, domains: 1, allows: 0 });
  });
});
