/**
 * Scrubbing of personal data and secrets from anything sent to error reporting. Two layers: values
 * under sensitive key names are replaced whole, and every other string is searched for phone
 * numbers, tokens, keys and e-mail addresses. Message text has no shape a pattern can find, so code
 * must never put it into errors; as a second line of defence, quoted text and `body=`/`Body:` values
 * inside strings are removed too.
 */

export const REDACTED = '[redacted]';

/** Key names (lower-cased, without `_`/`-`) whose values are never sent, whatever they hold. */
const SENSITIVE_KEYS = new Set([
  'body',
  'text',
  'messagebody',
  'profilename',
  'authtoken',
  'token',
  'accesstoken',
  'refreshtoken',
  'password',
  'secret',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xtwiliosignature',
  'apikey',
  'xapikey',
  'phone',
  'phonenumber',
  'fromphone',
  'tophone',
  'from',
  'to',
  'waid',
  'email',
  'data',
]);

/** Structural fields of an event that look like secrets (32 hex digits) but are ids. */
const STRUCTURAL_KEYS = new Set(['event_id', 'trace_id', 'span_id', 'parent_span_id', 'sid']);

const PATTERNS: [RegExp, string][] = [
  // Bearer/Basic credentials and JWTs.
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, REDACTED],
  // Elara API keys and refresh tokens.
  [/\belk_[\w-]+/g, 'elk_[redacted]'],
  [/\bert_[\w-]+/g, 'ert_[redacted]'],
  // key=value / key: value secrets, as in headers, query strings and forms.
  [
    /\b(auth_?token|access_?token|refresh_?token|token|password|secret|api_?key|authorization|x-twilio-signature)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Message text as a field (`Body=...`, `body: "..."`): to the end of the quote or line.
  [/\b(body|text)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\n&]*)/gi, `$1$2${REDACTED}`],
  // Quoted text of some length: most likely a message quoted into an error.
  [/"[^"\n]{12,}"|'[^'\n]{12,}'|“[^”\n]{12,}”/g, `"${REDACTED}"`],
  // Twilio auth tokens (32 hex digits) and similar hex secrets.
  [/\b[0-9a-f]{32,}\b/gi, REDACTED],
  // Phone numbers: whatsapp:+..., E.164 (also URL-encoded), loosely grouped.
  [/whatsapp:\s*\+?\d[\d\s().-]{5,}\d/gi, 'whatsapp:[phone]'],
  [/(?:\+|%2B)\d[\d\s().-]{5,18}\d/gi, '[phone]'],
  // E-mail addresses.
  [/[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi, '[email]'],
];

/** `text` with phone numbers, tokens, keys, e-mail addresses and quoted text replaced. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/**
 * A deep copy of `value` with sensitive keys replaced and every string scrubbed. Depth is bounded:
 * anything deeper than `maxDepth` is dropped rather than sent unchecked.
 */
export function scrubValue<T>(value: T, maxDepth = 12): T {
  return scrub(value, maxDepth) as T;
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (STRUCTURAL_KEYS.has(key)) out[key] = item;
    else if (isSensitiveKey(key)) out[key] = item === undefined ? undefined : REDACTED;
    else out[key] = scrub(item, depth - 1);
  }
  return out;
}
