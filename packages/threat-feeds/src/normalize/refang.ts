const DEFANGED_SCHEME = /^h(?:xx|\*\*)p(s?)(?=:|\[:\])/i;
const DEFANGED_DOT = /\[(?:\.|dot)\]|\((?:\.|dot)\)|\{(?:\.|dot)\}/gi;
const DEFANGED_COLON = /\[:\]/g;

/**
 * Undoes the usual defanging of shared indicators: `hxxp(s)`, `h**p`, `[.]`, `(.)`, `{.}`,
 * `[dot]`, `[:]`. Applied to the whole string, so a literal `[.]` in a path is read as a dot too.
 */
export function refang(text: string): string {
  return text.replace(DEFANGED_SCHEME, 'http$1').replace(DEFANGED_DOT, '.').replace(DEFANGED_COLON, ':');
}
