import { describe, expect, it } from 'vitest';
import { formatAccuracyTable, measureAccuracy } from './bench/accuracy.ts';
import { loadShortTexts } from './bench/short-texts.ts';
import { DEFAULT_SUPPORTED_LANGUAGES, detectLanguage } from './detect-language.ts';

/*
 * Floors set a little under what was measured (see README.md), so they fail on a real regression
 * (a broken cleanup, a lost subset, a different data size or threshold) rather than on the
 * detector being exactly as good as today. Detection is deterministic: no flakiness to allow for.
 */
const MIN_ACCURACY_PER_LANGUAGE = 0.95;
const MIN_ACCURACY_OVERALL = 0.97;
const MIN_COVERAGE_PER_LANGUAGE = 0.85;
const MIN_COVERAGE_OVERALL = 0.9;

describe('accuracy on hand-written short messages (data/short-texts.jsonl)', () => {
  const texts = loadShortTexts();
  const report = measureAccuracy(detectLanguage, texts, DEFAULT_SUPPORTED_LANGUAGES);
  console.log(`\n${formatAccuracyTable(report)}\n`);
  console.log(
    'wrong answers:\n' + report.mistakes.map((m) => `  [${m.lang} → ${m.answered}] ${m.text}`).join('\n'),
  );

  it('has about 80 labelled texts for each supported language, and nothing else', () => {
    expect(report.byLanguage.map((r) => r.lang).sort()).toEqual([...DEFAULT_SUPPORTED_LANGUAGES].sort());
    for (const r of report.byLanguage) expect(r.total).toBeGreaterThanOrEqual(75);
  });

  it.each(DEFAULT_SUPPORTED_LANGUAGES)('%s: answers are right and most texts get one', (lang) => {
    const r = report.byLanguage.find((candidate) => candidate.lang === lang);
    expect(r?.accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY_PER_LANGUAGE);
    expect(r?.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE_PER_LANGUAGE);
  });

  it('overall', () => {
    expect(report.overall.accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY_OVERALL);
    expect(report.overall.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE_OVERALL);
  });
});
