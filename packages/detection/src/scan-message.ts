import { createBrandContext, isTrustedHost } from './brand/brand-context.ts';
import type { ScanInput, ScanResult, Signal } from './detection.types.ts';
import { detectTextSignals } from './text/text-signals.ts';
import { foldForMatching, normalizeMessage } from './text/text-normalizer.ts';
import { extractUrls } from './url/url-extractor.ts';
import { scanUrl } from './url/url-signals.ts';
import { decideVerdict } from './verdict/verdict-policy.ts';

const DEFAULT_MAX_URLS = 5;
/**
 * Only the start of very long messages is scanned, to bound time in the hot path (WhatsApp's own
 * business text limit is 4,096). Scams put their hook up front, where the reader sees it.
 */
export const MAX_SCANNED_CHARS = 4_096;

function resolveMaxUrls(maxUrls: number | undefined): number {
  if (maxUrls === undefined || !Number.isFinite(maxUrls) || maxUrls < 0) return DEFAULT_MAX_URLS;
  return Math.floor(maxUrls);
}

/** Replaces link spans with spaces so phrase rules do not fire on words inside URLs. */
function blankSpans(text: string, spans: ReadonlyArray<[number, number]>): string {
  if (spans.length === 0) return text;
  let result = '';
  let cursor = 0;
  for (const [start, end] of spans) {
    result += `${text.slice(cursor, start)} `;
    cursor = end;
  }
  return result + text.slice(cursor);
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
 * Scans one forwarded message: extracts and scores its links, matches scam phrases and applies
 * the verdict policy. Synchronous and deterministic: no I/O, no network; the only module state
 * is a cache of prepared brand domains and scratch buffers.
 */
export function scanMessage(input: ScanInput): ScanResult {
  const maxUrls = resolveMaxUrls(input.maxUrls);
  const normalized = normalizeMessage(input.text.slice(0, MAX_SCANNED_CHARS));
  const extraction = extractUrls(normalized.text, maxUrls);
  const brands = createBrandContext(input.brandDomains);
  const urls = extraction.urls.map((link) => scanUrl(link, brands));
  const folded = foldForMatching(blankSpans(normalized.text, extraction.spans));
  const obfuscation = folded.spacedLetters
    ? [...normalized.obfuscation, 'spaced-out letters']
    : normalized.obfuscation;
  const textSignals = detectTextSignals(folded.text, obfuscation);
  const urlsOmitted = extraction.total - urls.length;
  const hasUntrustedLink = urlsOmitted > 0 || urls.some((finding) => !isTrustedHost(finding.host, brands));
  const decision = decideVerdict({ textSignals, urls, hasUntrustedLink });
  return {
    verdict: decision.verdict,
    score: decision.score,
    signals: mergeSignals([textSignals, ...urls.map((finding) => finding.signals)]),
    urls,
    urlsOmitted,
  };
}
