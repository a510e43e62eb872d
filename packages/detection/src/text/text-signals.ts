import type { Signal, SignalCode } from '../detection.types.ts';
import { noisyOr } from '../verdict/noisy-or.ts';
import { DE_TEXT_RULES } from './text-phrases-de.ts';
import { EN_TEXT_RULES } from './text-phrases-en.ts';
import { INTL_TEXT_RULES } from './text-phrases-intl.ts';
import type { TextRule } from './text-rule.types.ts';

interface CompiledRule {
  code: SignalCode;
  weight: number;
  pattern: RegExp;
}

/** Weight of the obfuscation signal: hiding words is itself a sign of intent. */
const OBFUSCATION_WEIGHT = 0.3;
/** Distinct phrases counted per code; more repetition adds nothing but time. */
const MAX_MATCHES_PER_CODE = 3;
const MAX_DETAIL_LENGTH = 40;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Banks write "we will never ask you to share your PIN" and "do not share this code": warnings,
// not requests; "never pay a fee to get a job" is advice. A request code is dropped when a negation
// sits up to four words before it.
const NEGATABLE: ReadonlySet<SignalCode> = new Set([
  'text.credential_request',
  'text.otp_request',
  'text.payment_request',
]);
const NEGATION_BEFORE =
  /(?:(?<!\p{L})(?:never|not|nobody|no one|nunca|jamais|ne|nao|niemals|nie|nicht|keinesfalls)|n['’]t)(?: [\p{L}']+){0,4} $/u;
const NEGATION_WINDOW = 40;
// German puts the negation after the object: "geben Sie diesen Code niemals an Dritte weiter".
const NEGATION_AFTER = /^(?: [\p{L}']+){0,2} (?:niemals|nie|nicht|keinesfalls|jamais)(?![\p{L}])/u;
const NEGATION_AFTER_WINDOW = 30;
/** Codes whose repetition is not extra evidence: "urgent... very urgent" is one cue, not two. */
const WEIGHT_CAPS: Partial<Record<SignalCode, number>> = { 'text.urgency': 0.3 };

/**
 * Merges rules with the same code and weight (across languages) into one regex each, strongest
 * first, so a message costs one pass per (code, weight) pair however many languages exist.
 */
function compileRules(rules: readonly TextRule[]): CompiledRule[] {
  const merged = new Map<string, { code: SignalCode; weight: number; phrases: string[] }>();
  for (const rule of rules) {
    const key = `${rule.code}:${rule.weight}`;
    const entry = merged.get(key) ?? { code: rule.code, weight: rule.weight, phrases: [] };
    entry.phrases.push(...rule.phrases);
    merged.set(key, entry);
  }
  return [...merged.values()]
    .sort((a, b) => b.weight - a.weight)
    .map(({ code, weight, phrases }) => ({
      code,
      weight,
      // Letter/number lookahead instead of \b, which is ASCII-only in JavaScript. The left boundary
      // is checked in code: a leading lookbehind stops V8 from skipping ahead to candidate first letters.
      pattern: new RegExp(`(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'gu'),
    }));
}

const COMPILED_RULES = compileRules([...EN_TEXT_RULES, ...INTL_TEXT_RULES, ...DE_TEXT_RULES]);

interface CodeMatches {
  weights: number[];
  spans: Array<[number, number]>;
  /** The matched phrases: the same phrase said twice ("HMRC ... HMRC app") is one piece of evidence. */
  phrases: Set<string>;
  detail: string;
}

function overlaps(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && end > s);
}

function collectMatches(rule: CompiledRule, text: string, matches: Map<SignalCode, CodeMatches>): void {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m.index > 0 && WORD_CHAR.test(text[m.index - 1] ?? '')) {
      pattern.lastIndex = m.index + 1;
      continue;
    }
    if (
      NEGATABLE.has(rule.code) &&
      (NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - NEGATION_WINDOW), m.index)) ||
        NEGATION_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + NEGATION_AFTER_WINDOW)))
    ) {
      continue;
    }
    const entry = matches.get(rule.code) ?? { weights: [], spans: [], phrases: new Set(), detail: m[0] };
    if (entry.weights.length >= MAX_MATCHES_PER_CODE) break;
    const end = m.index + m[0].length;
    // A weak tier re-matching part of a strong phrase ("my new number" inside "this is my new
    // number") is the same evidence, not more; so is the same phrase repeated.
    if (overlaps(entry.spans, m.index, end) || entry.phrases.has(m[0])) continue;
    entry.weights.push(rule.weight);
    entry.spans.push([m.index, end]);
    entry.phrases.add(m[0]);
    matches.set(rule.code, entry);
  }
}

/**
 * Phrase signals for text already folded by `foldForMatching`. One signal per code; its weight is
 * the noisy-OR of up to three distinct phrases and its detail the strongest phrase.
 */
export function detectTextSignals(foldedText: string, obfuscation: readonly string[]): Signal[] {
  const matches = new Map<SignalCode, CodeMatches>();
  for (const rule of COMPILED_RULES) collectMatches(rule, foldedText, matches);
  const signals: Signal[] = [];
  for (const [code, entry] of matches) {
    signals.push({
      code,
      weight: Math.round(Math.min(noisyOr(entry.weights), WEIGHT_CAPS[code] ?? 1) * 1000) / 1000,
      detail: entry.detail.slice(0, MAX_DETAIL_LENGTH),
    });
  }
  if (obfuscation.length > 0) {
    signals.push({ code: 'text.obfuscation', weight: OBFUSCATION_WEIGHT, detail: obfuscation.join(', ') });
  }
  return signals;
}
