/** Languages replies are written in. */
export type ReplyLanguage = 'en' | 'es' | 'pt' | 'fr' | 'de';

/** Supported languages; the first is the fallback. */
export const REPLY_LANGUAGES: readonly ReplyLanguage[] = ['en', 'es', 'pt', 'fr', 'de'];

const SUPPORTED: ReadonlySet<string> = new Set(REPLY_LANGUAGES);

/**
 * Maps a stored or detected language code ("pt-BR", "es_ES", "FR") to a reply language by its
 * primary subtag; anything unknown, empty or missing falls back to English.
 */
export function resolveReplyLanguage(code: string | null | undefined): ReplyLanguage {
  const primary = (code ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return SUPPORTED.has(primary) ? (primary as ReplyLanguage) : 'en';
}
