import { createBrandContext, isTrustedHost } from './brand/brand-context.ts';
import type { BrandContext } from './brand/brand-context.ts';
import type { ScanInput, Signal, UrlFinding } from './detection.types.ts';
import { detectTextSignals } from './text/text-signals.ts';
import { foldForMatching, normalizeMessage } from './text/text-normalizer.ts';
import { extractUrls } from './url/url-extractor.ts';
import { scanUrl } from './url/url-scanner.ts';

const DEFAULT_MAX_URLS = 5;
/**
 * Only the start of very long messages is scanned, to bound time in the hot path (WhatsApp's own
 * business text limit is 4,096). Scams put their hook up front, where the reader sees it.
 */
export const MAX_SCANNED_CHARS = 4_096;
/** A signal at least this strong is also a model feature of its own ("strong" tier). */
const STRONG_SIGNAL = 0.45;

/** What the rules found in a message, before the text model and the verdict policy. */
export interface ExplicitEvidence {
  /** NFKC, invisible characters removed, links refanged: what the model and language detection read. */
  text: string;
  /** The same with link spans blanked. */
  textWithoutLinks: string;
  textSignals: Signal[];
  urls: UrlFinding[];
  urlsOmitted: number;
  brands: BrandContext;
}

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

/** Normalises the message, checks its links and matches the phrase rules. No model, no verdict. */
export function collectExplicitEvidence(input: ScanInput): ExplicitEvidence {
  const normalized = normalizeMessage(input.text.slice(0, MAX_SCANNED_CHARS));
  const extraction = extractUrls(normalized.text, resolveMaxUrls(input.maxUrls));
  const brands = createBrandContext(input.brandDomains, input.tenantLists);
  const urls = extraction.urls.map((link) => scanUrl(link, brands, input));
  const textWithoutLinks = blankSpans(normalized.text, extraction.spans);
  const folded = foldForMatching(textWithoutLinks);
  const obfuscation = folded.spacedLetters
    ? [...normalized.obfuscation, 'spaced-out letters']
    : normalized.obfuscation;
  return {
    text: normalized.text,
    textWithoutLinks,
    textSignals: detectTextSignals(folded.text, obfuscation),
    urls,
    urlsOmitted: extraction.total - urls.length,
    brands,
  };
}

/** Whether the message links anywhere outside the tenant's trusted domains (checked or not). */
export function hasUntrustedLink(evidence: ExplicitEvidence): boolean {
  return (
    evidence.urlsOmitted > 0 || evidence.urls.some((finding) => !isTrustedHost(finding.host, evidence.brands))
  );
}

/**
 * The explicit signals as text-model features: each code that fired, plus `<code>:strong` for
 * strong ones. Training and scanning both use this, so the model learns what each rule is worth.
 */
export function signalFeatures(evidence: ExplicitEvidence): string[] {
  const features = new Set<string>();
  for (const signal of [...evidence.textSignals, ...evidence.urls.flatMap((u) => u.signals)]) {
    features.add(signal.code);
    if (signal.weight >= STRONG_SIGNAL) features.add(`${signal.code}:strong`);
  }
  if (hasUntrustedLink(evidence)) features.add('link.untrusted');
  return [...features].sort();
}

/** `signalFeatures` of a bare text (no tenant, no feeds): what `pnpm build:model` trains with. */
export function explicitSignalFeatures(text: string): string[] {
  return signalFeatures(collectExplicitEvidence({ text, brandDomains: [] }));
}
