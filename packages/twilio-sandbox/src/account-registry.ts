/**
 * Known accounts and Basic-auth checks.
 *
 * Successful Authorization headers are cached so the hot path skips base64 decoding; the cache holds
 * at most one entry per valid (sid, token) pair and is dropped whenever an account changes.
 */
export function createAccountRegistry(initial: Record<string, string> = {}) {
  const tokens = new Map<string, string>(Object.entries(initial));
  const verified = new Map<string, string>();

  /** Adds or replaces an account's token. */
  function add(sid: string, token: string): void {
    tokens.set(sid, token);
    verified.clear();
  }

  /** The account SID a Basic `Authorization` header proves, or null. */
  function authenticate(header: string | undefined): string | null {
    if (!header) return null;
    const cached = verified.get(header);
    if (cached !== undefined) return cached;
    if (!header.startsWith('Basic ')) return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    const sid = decoded.slice(0, colon);
    if (tokens.get(sid) !== decoded.slice(colon + 1)) return null;
    verified.set(header, sid);
    return sid;
  }

  return { add, authenticate, tokenFor: (sid: string): string | undefined => tokens.get(sid) };
}

export type AccountRegistry = ReturnType<typeof createAccountRegistry>;
