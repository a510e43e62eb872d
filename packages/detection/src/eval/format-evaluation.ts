import { VERDICTS } from '../detection.types.ts';
import type { DetectionMetrics } from './detection-metrics.ts';
import type { DetectionEvaluation } from './evaluate-detection.ts';

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function fixed(value: number): string {
  return value.toFixed(3);
}

function classTable(metrics: DetectionMetrics): string[] {
  const lines = ['class     support  precision  recall     F1'];
  for (const m of metrics.perClass) {
    const cells = [
      String(m.support).padStart(7),
      fixed(m.precision).padStart(9),
      fixed(m.recall).padStart(6),
    ];
    lines.push(`${m.label.padEnd(9)} ${cells.join('  ')}  ${fixed(m.f1).padStart(5)}`);
  }
  return lines;
}

function confusionTable(metrics: DetectionMetrics): string[] {
  const lines = [`label \\ verdict ${VERDICTS.map((v) => v.padStart(11)).join('')}`];
  for (const [label, row] of Object.entries(metrics.confusion)) {
    lines.push(`${label.padEnd(16)}${VERDICTS.map((v) => String(row[v]).padStart(11)).join('')}`);
  }
  return lines;
}

function headline(metrics: DetectionMetrics): string[] {
  return [
    `legitimate messages called scam: ${percent(metrics.legitFlaggedAsScam)} (goal <= 0.50%)`,
    `legitimate messages flagged at all (any verdict but safe): ${percent(metrics.legitFlagged)}`,
    `scam recall (verdict scam): ${fixed(metrics.perClass[0]?.recall ?? 0)} (goal >= 0.95); ` +
      `scams warned about (scam or suspicious): ${fixed(metrics.scamWarned)}`,
  ];
}

function sourceRow(source: string, metrics: DetectionMetrics): string {
  const cells = [
    String(metrics.total).padStart(5),
    fixed(metrics.perClass[0]?.recall ?? 0).padStart(11),
    percent(metrics.legitFlaggedAsScam).padStart(11),
    percent(metrics.legitFlagged).padStart(13),
  ];
  return `${source.padEnd(22)} ${cells.join('  ')}`;
}

/** The report `pnpm elara eval-detection` prints. */
export function formatEvaluation(evaluation: DetectionEvaluation, title: string): string {
  const { overall } = evaluation;
  return [
    `${title}: ${overall.total} messages`,
    '',
    ...classTable(overall),
    '',
    ...confusionTable(overall),
    '',
    ...headline(overall),
    `CPU per message: ${evaluation.cpuMicrosPerMessage.toFixed(0)} µs (goal <= 2000 µs); ` +
      `slowest message: ${evaluation.slowestMicros.toFixed(0)} µs wall`,
    '',
    'by source                  n  scam recall  legit->scam  legit flagged',
    ...[...evaluation.bySource].map(([source, metrics]) => sourceRow(source, metrics)),
  ].join('\n');
}
