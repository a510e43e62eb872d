/**
 * Languages Elara writes replies in, the default for `supported`. Kept in step by hand with
 * `REPLY_LANGUAGES` in `@elara/replies` (this package does not depend on replies).
 */
export const DEFAULT_SUPPORTED_LANGUAGES: readonly string[] = ['en', 'es', 'pt', 'fr', 'de'];

/** "pt-BR", "es_ES", " FR " → "pt", "es", "fr"; empty or missing → "". */
export function primarySubtag(code: string | null | undefined): string {
  return (code ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The entry of `supported` that has the same primary subtag as `code`, spelled as in `supported`
 * (so "pt-BR" finds "pt", and "pt" finds "pt-BR"), or null when there is none.
 */
export function findSupported(code: string | null | undefined, supported: readonly string[]): string | null {
  const primary = primarySubtag(code);
  if (primary === '') return null;
  return supported.find((entry) => primarySubtag(entry) === primary) ?? null;
}
