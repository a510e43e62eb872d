/*
 * What is removed before language detection: anything that carries no language but would still
 * feed n-grams to the detector (a URL's host and path, a parcel code, a brand's short link) or
 * count as text when deciding whether a message is long enough to judge.
 *
 * Work is done per whitespace-separated token, and the Unicode patterns run only on tokens that
 * could match (a dot for domains, a digit for numbers, a non-ASCII character for emoji). No
 * pattern nests ambiguous quantifiers, and input is capped first at the 1,000 UTF-16 units eld
 * reads, so a hostile message cannot make cleanup slow (eld 2.1.0 had to fix a ReDoS in its own
 * URL cleanup, which is not used here).
 */

/** eld reads at most this many UTF-16 units; reading more would only cost time. */
export const MAX_INPUT_CHARS = 1_000;

const WWW = /^www\./iu;
// host.tld with an optional path: "bit.ly/3xYz", "evri-parcel.co/pay", "impots.gouv". The last
// label must be two or more letters, so "U.S.A" and "p.s" stay.
const BARE_DOMAIN = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.\p{L}{2,}(?:[/?#:]\S*)?$/u;
// Punctuation that may hug a token in a sentence: "(see", "bit.ly/x,", "«www.x.fr»".
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
// Alphanumeric runs; the ones with a digit (amounts, codes, phone digits, "GB7781") are dropped.
const ALPHANUMERIC_RUN = /[\p{L}\p{N}]+/gu;
const DIGIT = /\p{N}/u;
const NON_ASCII = /\P{ASCII}/u;
// Pictographs plus the pieces that build emoji sequences: skin tones, flags, ZWJ, variation
// selectors, keycaps, tags. Joiners and combining marks are alternatives, not class members, so
// the class cannot be misread as holding a combined character.
const EMOJI =
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{E0020}-\u{E007F}]|\u200D|\uFE0E|\uFE0F|\u20E3/gu;
const LETTER = /\p{L}/gu;
const HAS_LETTER = /\p{L}/u;
const WHITESPACE = /\s+/u;

/** True when a whitespace-separated token is a URL, a bare domain, an e-mail or an @mention. */
function isAddressToken(token: string): boolean {
  if (token.includes('@') || token.includes('://')) return true;
  // Every other address has a dot; most words do not, and skip the Unicode patterns below.
  if (!token.includes('.')) return false;
  const core = token.replace(EDGE_PUNCTUATION, '');
  return WWW.test(core) || BARE_DOMAIN.test(core);
}

function dropEmojiAndDigitRuns(token: string): string {
  // Emoji and their joiners are all outside ASCII: plain ASCII words skip that pattern.
  const noEmoji = NON_ASCII.test(token) ? token.replace(EMOJI, ' ') : token;
  return DIGIT.test(noEmoji)
    ? noEmoji.replace(ALPHANUMERIC_RUN, (run) => (DIGIT.test(run) ? ' ' : run))
    : noEmoji;
}

/**
 * Returns the text without URLs, bare domains, e-mail addresses, @mentions, emoji, numbers and
 * alphanumeric codes (which covers phone numbers, amounts and tracking codes), and without tokens
 * that are only punctuation once those are gone. Words keep their accents, apostrophes and
 * attached punctuation; the detector treats punctuation as a separator.
 */
export function stripNonLanguage(text: string): string {
  const capped = text.slice(0, MAX_INPUT_CHARS);
  const kept: string[] = [];
  for (const token of capped.split(WHITESPACE)) {
    if (token === '' || isAddressToken(token)) continue;
    const cleaned = dropEmojiAndDigitRuns(token).trim();
    // What is left of "+44", "(0)" or "🎉!" is punctuation: no language, so not kept.
    if (HAS_LETTER.test(cleaned)) kept.push(cleaned);
  }
  return kept.join(' ');
}

/** Number of Unicode letters (any script) in the text. */
export function countLetters(text: string): number {
  return text.match(LETTER)?.length ?? 0;
}
