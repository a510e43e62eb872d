/*
 * Compares eld's four databases for our use: accuracy and coverage on data/short-texts.jsonl and
 * on every 2- and 3-word window of it (harder, and many more samples), then load time and memory,
 * each size in a fresh Node process. Run: pnpm exec tsx packages/language/src/bench/data-size.bench.ts
 */
import { execFileSync } from 'node:child_process';
import type { EldInstance } from '../language-detector.ts';
import { createLanguageDetector } from '../language-detector.ts';
import { DEFAULT_SUPPORTED_LANGUAGES } from '../supported-languages.ts';
import { countLetters, stripNonLanguage } from '../text-cleanup.ts';
import { measureAccuracy } from './accuracy.ts';
import type { ShortText } from './short-texts.ts';
import { loadShortTexts } from './short-texts.ts';

const SIZES = ['extrasmall', 'small', 'medium', 'large'] as const;

function windows(texts: readonly ShortText[], words: number): ShortText[] {
  return texts.flatMap(({ text, lang }) => {
    const tokens = stripNonLanguage(text)
      .split(' ')
      .filter((token) => countLetters(token) > 0);
    const out: ShortText[] = [];
    for (let i = 0; i + words <= tokens.length; i += 1)
      out.push({ text: tokens.slice(i, i + words).join(' '), lang });
    return out;
  });
}

const texts = loadShortTexts();
const sets = { texts, '3 words': windows(texts, 3), '2 words': windows(texts, 2) };

/** Share of texts where eld's first guess among the subset is right, reliable or not. */
function topGuessAccuracy(eld: EldInstance, set: readonly ShortText[]): number {
  const subset = eld.newInstance();
  subset.setLanguageSubset([...DEFAULT_SUPPORTED_LANGUAGES]);
  const right = set.filter(({ text, lang }) => subset.detect(stripNonLanguage(text)).language === lang);
  return right.length / set.length;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
console.log('accuracy of answered / coverage [eld top guess right, ungated], supported = en es pt fr de');
for (const size of SIZES) {
  const { eld } = (await import(`eld/${size}`)) as { eld: EldInstance };
  const detect = createLanguageDetector(eld);
  const cells = Object.entries(sets).map(([name, set]) => {
    const { overall } = measureAccuracy(detect, set, DEFAULT_SUPPORTED_LANGUAGES);
    const top = topGuessAccuracy(eld, set);
    return `${name} (${set.length}): ${pct(overall.accuracy)} / ${pct(overall.coverage)} [${pct(top)}]`;
  });
  console.log(`  ${size.padEnd(10)} ${cells.join('   ')}`);
}

// Load time and retained heap, in a child process per size so one size's memory does not hide
// another's. RSS is reported too: it includes the parser's transient memory.
const probe = `
const before = process.memoryUsage();
const start = performance.now();
const { eld } = await import(process.argv[1]);
const ms = performance.now() - start;
eld.detect('warm up');
globalThis.gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ ms, heap: after.heapUsed - before.heapUsed, rss: after.rss - before.rss }));
`;
console.log('load (median of 3 fresh processes)');
for (const size of SIZES) {
  const entry = import.meta.resolve(`eld/${size}`);
  const runs = [0, 1, 2].map(
    () =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', probe, entry], {
          encoding: 'utf8',
        }),
      ) as { ms: number; heap: number; rss: number },
  );
  const median = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b)[1] ?? 0;
  console.log(
    `  ${size.padEnd(10)} ${median((r) => r.ms).toFixed(0)} ms, heap +${(median((r) => r.heap) / 1e6).toFixed(0)} MB, rss +${(median((r) => r.rss) / 1e6).toFixed(0)} MB`,
  );
}
