// Characters that toggle WhatsApp formatting (*bold*, _italic_, ~strike~, ```mono```). Stripped
// from anything quoted from the scanned message or the tenant's name, so they cannot break ours.
const FORMATTING_CHARS = /[*_~`]/g;
const WHITESPACE = /\s+/g;
// A dot between a letter or digit and a letter, as in "dem0bank.com" but not "£1.45".
const LINKABLE_DOT = /(?<=[\p{L}\p{N}])\.(?=\p{L})/gu;

/** Cuts to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Makes outside text safe to embed in a reply: one line, no formatting characters, capped. */
export function cleanInline(text: string, max: number): string {
  return truncate(text.replace(FORMATTING_CHARS, '').replace(WHITESPACE, ' ').trim(), max);
}

/**
 * Writes "dem0bank.com" as "dem0bank[.]com" so WhatsApp does not turn a scam host quoted in our
 * reply into a tappable link.
 */
export function defang(text: string): string {
  return text.replace(LINKABLE_DOT, '[.]');
}
