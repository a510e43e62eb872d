/*
 * Threat index benchmark: builds an index of ~300k synthetic entries plus the real MetaMask list,
 * and prints build time, heap used and lookups per second for hits and misses. Not part of the
 * tests (no timing assertions anywhere). Run:
 *   pnpm exec tsx packages/threat-feeds/src/bench/threat-index.bench.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FeedEntry } from '../feed.types.ts';
import { parseFeed } from '../formats/feed-formats.ts';
import { createThreatIndexBuilder, type ThreatIndex } from '../index/threat-index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TLDS = ['com', 'net', 'org', 'xyz', 'top', 'co.uk', 'com.br', 'info', 'online', 'shop'];
// mulberry32: deterministic, so runs compare.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
function word(min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1));
  let text = '';
  for (let i = 0; i < length; i += 1) text += String.fromCharCode(97 + Math.floor(random() * 26));
  return text;
}
function domain(): string {
  return `${word(5, 14)}-${word(3, 8)}.${TLDS[Math.floor(random() * TLDS.length)]}`;
}

function ipUrl(): string {
  const octet = () => Math.floor(random() * 256);
  return `${1 + Math.floor(random() * 223)}.${octet()}.${octet()}.${octet()}:${1_024 + Math.floor(random() * 60_000)}/${word(3, 8)}.${word(1, 3)}`;
}
function phishUrl(): string {
  return `${domain()}/${word(4, 10)}/${word(4, 12)}.php?id=${Math.floor(random() * 1e6)}`;
}

/** Synthetic feeds shaped like the real ones: URLhaus (40% IP hosts), PhishTank, OpenPhish, a domain list. */
const SYNTHETIC = [
  {
    name: 'urlhaus',
    count: 110_000,
    next: (): FeedEntry => ({ kind: 'url', value: random() < 0.4 ? ipUrl() : phishUrl() }),
  },
  { name: 'phishtank', count: 60_000, next: (): FeedEntry => ({ kind: 'url', value: phishUrl() }) },
  { name: 'openphish', count: 10_000, next: (): FeedEntry => ({ kind: 'url', value: phishUrl() }) },
  { name: 'blocklist', count: 105_000, next: (): FeedEntry => ({ kind: 'domain', value: domain() }) },
];

function metamaskEntries(): FeedEntry[] {
  const path = createRequire(import.meta.url).resolve('eth-phishing-detect/src/config.json');
  return parseFeed('metamask', readFileSync(path, 'utf8')).entries;
}

function heapMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function measure(index: ThreatIndex, probes: readonly (readonly [string, string])[], label: string): void {
  let matched = 0;
  for (const [url, host] of probes) matched += index.match(url, host).length; // warm-up
  matched = 0;
  const rounds = 5;
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round += 1)
    for (const [url, host] of probes) matched += index.match(url, host).length;
  const nanos = Number(process.hrtime.bigint() - started) / (rounds * probes.length);
  console.log(
    `${label.padEnd(34)} ${(nanos / 1_000).toFixed(2).padStart(6)} µs/lookup  ${Math.round(1e9 / nanos)
      .toLocaleString('en-US')
      .padStart(10)} lookups/s  (${((matched / rounds / probes.length) * 100).toFixed(0)}% matched)`,
  );
}

// Strings built by concatenation are ropes; copying through a Buffer makes them flat, as the
// strings pg hands over when the refresher loads from PostgreSQL are.
const flat = (text: string) => Buffer.from(text, 'latin1').toString('latin1');
const baseline = heapMiB();
let generated: { name: string; entries: FeedEntry[] }[] | null = SYNTHETIC.map((feed) => ({
  name: feed.name,
  entries: Array.from({ length: feed.count }, () => {
    const entry = feed.next();
    return { kind: entry.kind, value: flat(entry.value) };
  }),
}));
generated.push({ name: 'metamask', entries: metamaskEntries() });
const total = generated.reduce((sum, f) => sum + f.entries.length, 0);
const samples = new Map(generated.map((f) => [f.name, f.entries.slice(0, 20_000)]));

let started = performance.now();
const builder = createThreatIndexBuilder();
for (const feed of generated) builder.addAll(feed.name, feed.entries);
const index = builder.build();
const buildMs = performance.now() - started;
generated = null; // the index keeps the strings; the entry objects go
const held = heapMiB() - baseline;
console.log(
  `entries: ${total.toLocaleString('en-US')} in ${index.feeds.length} feeds; index sizes ${JSON.stringify(index.size)}`,
);
console.log(
  `build: ${buildMs.toFixed(0)} ms; heap held by the index, strings included: ${held.toFixed(0)} MiB`,
);

const urlHits = samples.get('urlhaus')!.map((e) => {
  const slash = e.value.indexOf('/');
  return [`http://${e.value}`, e.value.slice(0, slash).replace(/:\d+$/, '')] as const;
});
const domainHits = samples
  .get('blocklist')!
  .map((e) => [`https://login.secure.${e.value}/verify`, `login.secure.${e.value}`] as const);
const misses = Array.from({ length: 20_000 }, () => {
  const host = `www.${word(3, 6)}.${domain()}`;
  return [`https://${host}/${word(4, 10)}?q=${word(3, 6)}`, host] as const;
});
const idnMisses = Array.from({ length: 5_000 }, () => {
  const host = `bücher-${word(3, 6)}.example`;
  return [`https://${host}/x`, host] as const;
});

measure(index, urlHits, 'url entry hit');
measure(index, domainHits, 'domain entry hit (2 levels down)');
measure(index, misses, 'miss (4-label host, with query)');
measure(index, idnMisses, 'miss, IDN host (punycode on lookup)');

const listText = samples
  .get('phishtank')!
  .map((e) => `https://${e.value}`)
  .join('\n');
started = performance.now();
const parsed = parseFeed('url-list', listText);
const parseMs = performance.now() - started;
console.log(
  `parse url-list: ${parsed.entries.length.toLocaleString('en-US')} lines in ${parseMs.toFixed(0)} ms (${((parseMs * 1_000) / parsed.entries.length).toFixed(2)} µs/line)`,
);
