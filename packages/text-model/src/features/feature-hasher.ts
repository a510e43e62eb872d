import { fnv1a } from './fnv1a.ts';
import { normalizeForModel, tokenize } from './text-tokens.ts';

/** A message as the model sees it: distinct hashed feature buckets, all with the same value. */
export interface FeatureVector {
  indices: Int32Array;
  /** 1/sqrt(count): long and short messages weigh the same in total. */
  value: number;
}

/** Only the start of a message is featurised; scams put their hook up front. */
export const MAX_MODEL_CHARS = 2_000;
// Character 4-grams only: they carry spelling variants and inflections ("verif", "pagar/pague")
// into the model; 3- and 5-grams as well measured worse out of fold (they memorise names).
const CHAR_NGRAM_MIN = 4;
const CHAR_NGRAM_MAX = 4;
const MAX_WORD_FOR_NGRAMS = 24;

function lengthBucket(length: number): string {
  if (length < 20) return 'xs';
  if (length < 60) return 's';
  if (length < 160) return 'm';
  return length < 400 ? 'l' : 'xl';
}

function capsBucket(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 8) return 'na';
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length / letters.length;
  return upper > 0.6 ? 'shout' : upper > 0.25 ? 'many' : 'few';
}

/** Shape of the message that words alone miss: length, shouting, exclamation marks. */
function metaFeatures(text: string): string[] {
  const exclamations = Math.min(3, (text.match(/!/g) ?? []).length);
  return [`m:len:${lengthBucket(text.length)}`, `m:caps:${capsBucket(text)}`, `m:excl:${exclamations}`];
}

function addCharNgrams(word: string, out: string[]): void {
  if (word.startsWith('__') || word.length > MAX_WORD_FOR_NGRAMS) return;
  const padded = `<${word}>`;
  for (let n = CHAR_NGRAM_MIN; n <= CHAR_NGRAM_MAX; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
  }
}

/**
 * Every feature name of a message: words, word pairs, character n-grams and shape, plus the
 * explicit signals the rule engine found (`s:<code>`), so the model learns how much each rule is
 * worth next to the words around it.
 */
export function featureNames(text: string, signals: readonly string[] = []): string[] {
  const clipped = text.slice(0, MAX_MODEL_CHARS);
  const tokens = tokenize(normalizeForModel(clipped));
  const names = metaFeatures(clipped);
  for (const signal of signals) names.push(`s:${signal}`);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    names.push(`u:${token}`);
    if (i > 0) names.push(`b:${tokens[i - 1] as string} ${token}`);
    addCharNgrams(token, names);
  }
  return names;
}

/** Hashes feature names into `2^bits` buckets, deduplicated (presence, not counts). */
export function hashFeatures(text: string, bits: number, signals: readonly string[] = []): FeatureVector {
  const mask = (1 << bits) - 1;
  const seen = new Set<number>();
  for (const name of featureNames(text, signals)) seen.add(fnv1a(name) & mask);
  const indices = Int32Array.from(seen);
  return { indices, value: indices.length === 0 ? 0 : 1 / Math.sqrt(indices.length) };
}
