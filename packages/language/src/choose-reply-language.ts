import { findSupported } from './supported-languages.ts';

export interface ChooseReplyLanguageInput {
  /** This message's detection (`detectLanguage`'s result fits); only a reliable one is used. */
  detected: { language: string | null; reliable: boolean } | null | undefined;
  /** The language stored for this user (last confident choice, or set by the user). */
  stored: string | null | undefined;
  /** The tenant's default language; the answer when nothing else is supported. */
  tenantDefault: string;
  /** Languages replies can be written in for this tenant. */
  supported: readonly string[];
}

/** Where the chosen language came from, so the caller can decide whether to store it. */
export type ReplyLanguageSource = 'detected' | 'stored' | 'tenant-default';

export interface ChooseReplyLanguageResult {
  /** An entry of `supported` (its spelling), or `tenantDefault` as given. */
  language: string;
  source: ReplyLanguageSource;
}

/**
 * Picks the language to reply in: a reliable detection of this message wins; a short or
 * unreliable message falls back to the user's stored language, then to the tenant default.
 * Codes match on their primary subtag ("pt-BR" and "pt"). Each candidate must be in `supported`,
 * except the tenant default, which is used even when it is not (and when `supported` is empty).
 */
export function chooseReplyLanguage(input: ChooseReplyLanguageInput): ChooseReplyLanguageResult {
  const { detected, stored, tenantDefault, supported } = input;
  if (detected?.reliable) {
    const language = findSupported(detected.language, supported);
    if (language !== null) return { language, source: 'detected' };
  }
  const storedLanguage = findSupported(stored, supported);
  if (storedLanguage !== null) return { language: storedLanguage, source: 'stored' };
  return { language: findSupported(tenantDefault, supported) ?? tenantDefault, source: 'tenant-default' };
}
