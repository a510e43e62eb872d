import { evaluateDetection } from '@elara/detection/evaluate';
import { formatEvaluation } from '@elara/detection/evaluation-report';
import { loadCorpus } from '@elara/text-model/corpus';
import { splitOf } from '@elara/text-model/split';

const USAGE = 'usage: pnpm elara eval-detection [--split test|train] [--misses N]';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

/**
 * `elara eval-detection`: scans the held-out split of the shipped data with the production engine
 * and prints per-class precision, recall and F1, how many legitimate messages were called scam, and
 * CPU time per message. `--misses N` also lists N misclassified messages.
 */
export function evalDetectionCommand(args: string[]): void {
  const split = option(args, '--split') ?? 'test';
  if (split !== 'test' && split !== 'train') throw new Error(USAGE);
  const missCount = Number(option(args, '--misses') ?? 0);
  if (!Number.isInteger(missCount) || missCount < 0) throw new Error(USAGE);
  const examples = loadCorpus().filter((example) => splitOf(example.text) === split);
  const evaluation = evaluateDetection(examples);
  console.log(formatEvaluation(evaluation, `Detection on the ${split} split`));
  for (const { example, result } of evaluation.misses.slice(0, missCount)) {
    const codes = result.signals.map((s) => s.code).join(',');
    console.log(
      `\n[${example.source}] ${example.label} -> ${result.verdict} (${result.score}) ${codes}\n  ${example.text}`,
    );
  }
}
