import { createInterface } from 'node:readline';
import { scanMessage } from '@elara/detection/scan';
import type { ScanInput, ScanResult } from '@elara/detection/types';
import { describeSignal } from '@elara/replies/compose';

const USAGE = 'usage: pnpm elara classify [--brand domain.com ...] < messages.jsonl';

/** One line of output: the verdict and the evidence behind it. */
export interface ClassifyOutput {
  verdict: ScanResult['verdict'];
  score: number;
  language: string | null;
  reasons: string[];
  urls: Array<{ url: string; host: string; risk: number; signals: string[] }>;
}

function parseBrands(args: string[]): string[] {
  const brands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--brand' || !args[i + 1]) throw new Error(USAGE);
    brands.push(args[i + 1] as string);
    i += 1;
  }
  return brands;
}

function toOutput(result: ScanResult): ClassifyOutput {
  return {
    verdict: result.verdict,
    score: result.score,
    language: result.language,
    reasons: result.signals.map((signal) => describeSignal(signal, 'en')),
    urls: result.urls.map((u) => ({
      url: u.url,
      host: u.host,
      risk: u.risk,
      signals: u.signals.map((s) => s.code),
    })),
  };
}

/** Reads `{"text": "..."}`; any other shape is an input error reported on that line. */
function textOf(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  const text = (value as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw new Error('expected an object with a string "text"');
  return text;
}

/**
 * `elara classify`: JSON lines `{"text": "..."}` on stdin, one JSON result per line on stdout, in
 * order, with the engine the worker uses. No database or Redis. A bad line gets
 * `{"error": "..."}` on its own output line, so outputs stay aligned with inputs.
 */
export async function classifyCommand(
  args: string[],
  options: Omit<ScanInput, 'text' | 'brandDomains'> = {},
): Promise<void> {
  const brandDomains = parseBrands(args);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let output: ClassifyOutput | { error: string };
    try {
      output = toOutput(scanMessage({ ...options, text: textOf(line), brandDomains }));
    } catch (error) {
      output = { error: (error as Error).message };
    }
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
}
