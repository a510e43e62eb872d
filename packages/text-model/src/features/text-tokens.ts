// Turns a message into the tokens the model sees. Things that vary but mean the same (a link, a
// phone number, an amount of money, a 6-digit code) become placeholder tokens, so the model learns
// "asks you to pay __money__ at __url__" rather than one scammer's exact link.

const URL_PATTERN =
  /\b(?:h(?:tt|xx)ps?:\/\/\S+|www\d?\.\S+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\/\S*|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|xyz|top|site|online|shop|club|vip|icu|live|link|click|app|io|co|me|ly|cc|ru|cn|tk|ml|ga|cf|gq|pw|buzz|sbs|cfd|uk|de|fr|es|pt|br|it|nl|be|ch|at|mx|ar|in)\b)/gu;
const EMAIL_PATTERN = /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}\b/gu;
const MONEY_PATTERN =
  /(?:[£$€₹₦¥]|\br\$|\busd|\beur|\bgbp)\s?\d[\d.,]*(?:k\b)?|\b\d[\d.,]*\s?(?:[£$€₹₦¥]|euros?|eur|usd|dollars?|pounds?|reais|naira|rupees?|rs\b)/gu;
const PREMIUM_PATTERN = /\b0(?:9\d{2}|87\d)\s?\d{3}\s?\d{3,4}\b|\b(?:8\d{4})\b/gu;
const PHONE_PATTERN = /\+?\d[\d\s().-]{6,}\d/gu;
const NUMBER_PATTERN = /\d+/gu;
const EMOJI_PATTERN = /\p{Extended_Pictographic}/gu;
const MARKS = /\p{M}+/gu;
const WORDS = /[\p{L}\p{N}_]+/gu;

function numberToken(digits: string): string {
  const length = digits.length;
  if (length >= 4 && length <= 8) return ` __num${length}__ `;
  return length < 4 ? ' __numshort__ ' : ' __numlong__ ';
}

/** Lowercases, folds accents and replaces variable parts by placeholders. */
export function normalizeForModel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(EMAIL_PATTERN, ' __email__ ')
    .replace(URL_PATTERN, ' __url__ ')
    .replace(MONEY_PATTERN, ' __money__ ')
    .replace(PREMIUM_PATTERN, ' __premium__ ')
    .replace(PHONE_PATTERN, ' __phone__ ')
    .replace(NUMBER_PATTERN, numberToken)
    .replace(EMOJI_PATTERN, ' __emoji__ ')
    .normalize('NFD')
    .replace(MARKS, '');
}

/** Word tokens of a normalised message, placeholders included. */
export function tokenize(normalized: string): string[] {
  return normalized.match(WORDS) ?? [];
}
