import { detectLanguage } from '@elara/language/detect';
import { sharedTextClassifier } from '@elara/text-model/classifier';
import type { ScanInput, ScanResult, Signal } from './detection.types.ts';
import { collectExplicitEvidence, hasUntrustedLink, signalFeatures } from './explicit-evidence.ts';
import { modelOpinion } from './text/model-signals.ts';
import { decideVerdict } from './verdict/verdict-policy.ts';

export { MAX_SCANNED_CHARS } from './explicit-evidence.ts';

/** Rules, lists and scoring of this package; bump when a change alters verdicts. */
const RULES_VERSION = 'rules-2';

/** Which engine decided a verdict (rules and text model), stored with every scan. */
export function detectionEngineVersion(): string {
  return `${RULES_VERSION}+model-${sharedTextClassifier().version}`;
}

/** One signal per code (the strongest occurrence), strongest first. */
function mergeSignals(groups: ReadonlyArray<readonly Signal[]>): Signal[] {
  const byCode = new Map<string, Signal>();
  for (const signal of groups.flat()) {
    const existing = byCode.get(signal.code);
    if (!existing || signal.weight > existing.weight) byCode.set(signal.code, signal);
  }
  return [...byCode.values()].sort((a, b) => b.weight - a.weight);
}

/**
 * Scans one forwarded message: extracts and scores its links, matches scam phrases, asks the
 * trained text model (which also weighs the phrase and link signals) and applies the verdict
 * policy. Synchronous and deterministic: no I/O, no network; module state is limited to caches
 * of prepared brand domains, the loaded model and scratch buffers.
 */
export function scanMessage(input: ScanInput): ScanResult {
  const evidence = collectExplicitEvidence(input);
  const model = modelOpinion(evidence.text, signalFeatures(evidence));
  const textSignals = [...evidence.textSignals, ...model.signals];
  const { urls } = evidence;
  const decision = decideVerdict({
    textSignals,
    urls,
    hasUntrustedLink: hasUntrustedLink(evidence),
    model: model.evidence,
  });
  return {
    verdict: decision.verdict,
    score: decision.score,
    signals: mergeSignals([textSignals, ...urls.map((finding) => finding.signals)]),
    urls,
    urlsOmitted: evidence.urlsOmitted,
    language: detectLanguage(evidence.textWithoutLinks, { supported: input.languages }).language,
  };
}
