import type { LabelledText } from '@elara/text-model/types';
import type { ScanInput, ScanResult } from '../detection.types.ts';
import { scanMessage } from '../scan-message.ts';
import { emptyConfusion, metricsFrom } from './detection-metrics.ts';
import type { ConfusionMatrix, DetectionMetrics } from './detection-metrics.ts';

export interface EvaluationOptions {
  /** Brand domains the messages are scanned for; the demo tenant's by default. */
  brandDomains?: readonly string[];
  /** Passed to every scan, e.g. a threat-feed index. */
  scanOptions?: Omit<ScanInput, 'text' | 'brandDomains'>;
  /** Runs over the set once before timing, so loading and JIT warm-up are not counted. */
  warmUp?: boolean;
}

export interface DetectionEvaluation {
  overall: DetectionMetrics;
  /** The same metrics per data source (e.g. 'sms-spam-collection', 'whatsapp-es'). */
  bySource: Map<string, DetectionMetrics>;
  /** CPU time (user + system) per message, microseconds, over the whole set. */
  cpuMicrosPerMessage: number;
  /** The slowest single message, wall-clock microseconds. */
  slowestMicros: number;
  misses: Array<{ example: LabelledText; result: ScanResult }>;
}

/** Scans every example with the production engine and scores the verdicts against the labels. */
export function evaluateDetection(
  examples: readonly LabelledText[],
  options: EvaluationOptions = {},
): DetectionEvaluation {
  const brandDomains = options.brandDomains ?? ['demobank.com'];
  const scan = (text: string): ScanResult => scanMessage({ text, brandDomains, ...options.scanOptions });
  if (options.warmUp !== false) for (const example of examples) scan(example.text);
  const overall = emptyConfusion();
  const bySource = new Map<string, ConfusionMatrix>();
  const misses: DetectionEvaluation['misses'] = [];
  let slowestMicros = 0;
  const cpuBefore = process.cpuUsage();
  for (const example of examples) {
    const started = performance.now();
    const result = scan(example.text);
    slowestMicros = Math.max(slowestMicros, (performance.now() - started) * 1000);
    overall[example.label][result.verdict] += 1;
    const source = bySource.get(example.source) ?? emptyConfusion();
    source[example.label][result.verdict] += 1;
    bySource.set(example.source, source);
    if (result.verdict !== example.label) misses.push({ example, result });
  }
  const cpu = process.cpuUsage(cpuBefore);
  const sources = [...bySource].sort(([a], [b]) => a.localeCompare(b));
  return {
    overall: metricsFrom(overall),
    bySource: new Map(sources.map(([source, confusion]) => [source, metricsFrom(confusion)])),
    cpuMicrosPerMessage: examples.length === 0 ? 0 : (cpu.user + cpu.system) / examples.length,
    slowestMicros,
    misses,
  };
}
