import { foldScriptConfusables, hasNonAscii } from '../text/confusables.ts';

// Visual confusions, after Unicode folding: digit and symbol stand-ins, then letter groups that
// read as one letter at a glance or in a small font. Two strings with the same skeleton look alike.
const LOOKALIKE_CHARS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'b',
  '7': 't',
  '8': 'b',
  '9': 'g',
};
const LETTER_PAIRS: Readonly<Record<string, string>> = { rn: 'm', vv: 'w', cl: 'd' };
// Latin letters outside ASCII that NFKD does not reduce (dotless i, Latin alpha, script g...).
const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ı: 'i',
  ɩ: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ɢ: 'g',
  ʟ: 'l',
  ɴ: 'n',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ł: 'l',
  ß: 'ss',
};
const LATIN_EXTRA = new RegExp(`[${Object.keys(LATIN_EXTRAS).join('')}]`, 'gu');
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Reduces a host label to how it looks: "dem0bank", "dernobank", "démobank", "demo-bank" and
 * "demobаnk" (Cyrillic а) all share the skeleton of "demobank". Accents are dropped, Cyrillic and
 * Greek look-alikes folded to Latin, hyphens removed, then digits and letter pairs mapped.
 */
export function skeleton(label: string): string {
  let folded = label.toLowerCase();
  if (hasNonAscii(folded)) {
    folded = foldScriptConfusables(folded.normalize('NFKD').replace(COMBINING_MARKS, '')).replace(
      LATIN_EXTRA,
      (ch) => LATIN_EXTRAS[ch] ?? ch,
    );
  }
  // One pass (this runs for every host token): drop hyphens, merge letter pairs, map look-alikes.
  let result = '';
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (ch === '-') continue;
    const pair = LETTER_PAIRS[folded.slice(i, i + 2)];
    if (pair !== undefined) {
      result += pair;
      i++;
      continue;
    }
    result += LOOKALIKE_CHARS[ch] ?? ch;
  }
  return result;
}
