// Cyrillic and Greek letters that render like Latin ones. Scammers swap them in to dodge keyword
// filters ("vеrify" with a Cyrillic е) and to build look-alike hosts.
const SCRIPT_CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ь: 'b',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
};

const CONFUSABLE_CHARS = new RegExp(`[${Object.keys(SCRIPT_CONFUSABLES).join('')}]`, 'gu');
const MIXED_SCRIPT =
  /\p{Script=Latin}[\p{Script=Cyrillic}\p{Script=Greek}]|[\p{Script=Cyrillic}\p{Script=Greek}]\p{Script=Latin}/u;
const NON_ASCII = /[\u0080-\uffff]/;

/** True when the string has any character outside ASCII (cheap guard before Unicode work). */
export function hasNonAscii(value: string): boolean {
  return NON_ASCII.test(value);
}

/** Replaces lowercase Cyrillic/Greek look-alikes with the Latin letter they imitate. */
export function foldScriptConfusables(lowercase: string): string {
  if (!NON_ASCII.test(lowercase)) return lowercase;
  return lowercase.replace(CONFUSABLE_CHARS, (ch) => SCRIPT_CONFUSABLES[ch] ?? ch);
}

/** True when a Latin letter touches a Cyrillic or Greek one, as in a spoofed word or host label. */
export function hasMixedScript(value: string): boolean {
  return NON_ASCII.test(value) && MIXED_SCRIPT.test(value);
}
