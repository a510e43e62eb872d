import { foldScriptConfusables, hasMixedScript, hasNonAscii } from './confusables.ts';

// Zero-width and soft-hyphen characters: invisible, so they only ever serve to split keywords.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
const INVISIBLE_INSIDE_WORD = /[\p{L}\p{N}][\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]+[\p{L}\p{N}]/u;
// Defanged links as analysts and scammers write them: hxxp://, example[.]com, example(dot)com.
const DEFANGED_SCHEME = /\bhxxp(s?)(?:\[:\]|:)\/\//gi;
const DEFANGED_DOT = /\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))\s?/gi;
const IDEOGRAPHIC_DOT = /[\u3002\uff0e\uff61]/g;
const COMBINING_MARKS = /\p{M}+/gu;
// Five or more single letters split by single spaces or dots: "V e r i f y", "c.l.a.i.m".
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:\p{L}[ .]){4,}\p{L}(?![\p{L}\p{N}])/gu;
const SPACER = /[ .]/g;

export interface NormalizedText {
  /** NFKC, invisible characters removed, links refanged. Case and accents kept: links are cut from it. */
  text: string;
  /** Why the text looked deliberately obfuscated, e.g. 'invisible characters'; empty when clean. */
  obfuscation: string[];
}

/**
 * First pass over the raw message: compatibility-normalise (fullwidth to ASCII), drop invisible
 * characters and undo link defanging so the URL extractor sees what a phone would render.
 */
export function normalizeMessage(raw: string): NormalizedText {
  const obfuscation: string[] = [];
  let text = raw;
  if (hasNonAscii(text)) {
    text = text.normalize('NFKC');
    if (INVISIBLE_INSIDE_WORD.test(text)) obfuscation.push('invisible characters');
    text = text.replace(INVISIBLE, '').replace(IDEOGRAPHIC_DOT, '.');
    if (hasMixedScript(text)) obfuscation.push('mixed alphabets');
  }
  text = text.replace(DEFANGED_SCHEME, 'http$1://').replace(DEFANGED_DOT, '.');
  return { text, obfuscation };
}

/**
 * Second pass, for phrase matching only: lowercase, strip accents ("código" → "codigo"), fold
 * Cyrillic/Greek look-alikes to Latin and join spaced-out letters. Phrase lists are written for
 * this form, so they carry no accents.
 */
export function foldForMatching(text: string): { text: string; spacedLetters: boolean } {
  let folded = text.toLowerCase();
  if (hasNonAscii(folded)) {
    folded = foldScriptConfusables(folded.normalize('NFKD').replace(COMBINING_MARKS, ''));
  }
  let spacedLetters = false;
  folded = folded.replace(SPACED_LETTERS, (run) => {
    spacedLetters = true;
    return run.replace(SPACER, '');
  });
  return { text: folded, spacedLetters };
}
