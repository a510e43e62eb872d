import type { DetectLanguage } from '../language-detector.ts';
import type { ShortText } from './short-texts.ts';

/** Per-language (or overall) result of running the detector over labelled texts. */
export interface AccuracyRow {
  lang: string;
  total: number;
  /** Texts given a language (not null). */
  answered: number;
  /** Answered with the right language. */
  correct: number;
  /** correct / answered: how often an answer can be trusted. */
  accuracy: number;
  /** answered / total: how often there is an answer at all. */
  coverage: number;
}

export interface AccuracyReport {
  byLanguage: AccuracyRow[];
  overall: AccuracyRow;
  /** Wrong answers, for reading: the text, its label and what was answered. */
  mistakes: { text: string; lang: string; answered: string }[];
}

function row(lang: string, total: number, answered: number, correct: number): AccuracyRow {
  return {
    lang,
    total,
    answered,
    correct,
    accuracy: answered === 0 ? 0 : correct / answered,
    coverage: total === 0 ? 0 : answered / total,
  };
}

/** Runs `detect` over every text with the given `supported` list and tallies by label. */
export function measureAccuracy(
  detect: DetectLanguage,
  texts: readonly ShortText[],
  supported: readonly string[],
): AccuracyReport {
  const tallies = new Map<string, { total: number; answered: number; correct: number }>();
  const mistakes: AccuracyReport['mistakes'] = [];
  for (const { text, lang } of texts) {
    const tally = tallies.get(lang) ?? { total: 0, answered: 0, correct: 0 };
    tallies.set(lang, tally);
    tally.total += 1;
    const { language } = detect(text, { supported });
    if (language === null) continue;
    tally.answered += 1;
    if (language === lang) tally.correct += 1;
    else mistakes.push({ text, lang, answered: language });
  }
  const byLanguage = [...tallies].map(([lang, t]) => row(lang, t.total, t.answered, t.correct));
  const sum = (pick: (r: AccuracyRow) => number) => byLanguage.reduce((acc, r) => acc + pick(r), 0);
  const overall = row(
    'all',
    sum((r) => r.total),
    sum((r) => r.answered),
    sum((r) => r.correct),
  );
  return { byLanguage, overall, mistakes };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The report as a Markdown table (the README's table is pasted from this). */
export function formatAccuracyTable(report: AccuracyReport): string {
  const lines = [
    '| Language | Texts | Answered | Correct | Accuracy (of answered) | Coverage |',
    '| -------- | ----- | -------- | ------- | ---------------------- | -------- |',
  ];
  for (const r of [...report.byLanguage, report.overall]) {
    lines.push(
      `| ${r.lang} | ${r.total} | ${r.answered} | ${r.correct} | ${percent(r.accuracy)} | ${percent(r.coverage)} |`,
    );
  }
  return lines.join('\n');
}
