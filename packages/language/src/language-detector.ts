import { countLetters, stripNonLanguage } from './text-cleanup.ts';
import { DEFAULT_SUPPORTED_LANGUAGES, primarySubtag } from './supported-languages.ts';

/** What `detectLanguage` answers. */
export interface DetectLanguageResult {
  /** One of the `supported` codes, spelled as given; null when too short or unreliable. */
  language: string | null;
  /**
   * How far eld's best supported guess is ahead of the runner-up, 0 to 1: (best − second) / best
   * on eld's per-n-gram score. 1 when no other supported language matched at all, 0 when nothing
   * matched or the text was too short to run the detector.
   */
  confidence: number;
  /** True exactly when `language` is not null. */
  reliable: boolean;
}

export interface DetectLanguageOptions {
  /** Languages the answer may be (ISO 639-1, regional tags allowed). Default: en, es, pt, fr, de. */
  supported?: readonly string[];
}

/** The part of an eld instance this package uses (eld's own `index.d.ts` types, narrowed). */
export interface EldInstance {
  detect(text: string): {
    language: string;
    getScores(): Record<string, number>;
    isReliable(): boolean;
  };
  setLanguageSubset(languages: string[] | boolean): Record<number, string>;
  info(): { Languages: Record<number, string> };
  newInstance(): EldInstance;
}

/** Fewer letters than this (after cleanup) and the detector is not run: about two short words. */
export const MIN_LETTERS = 10;

/** The winner must be at least this far ahead of the runner-up (see `confidence`). */
export const MIN_MARGIN = 0.1;

/*
 * eld reports each language's score as x / (x + 25), where x is its summed n-gram score per
 * n-gram of the input (eld 2.1 `LanguageResult.orderAndScale`). The margin is taken on x, which
 * is proportional to the evidence; on the squashed score, es-vs-pt leads would all look tiny.
 */
const ELD_SCORE_SCALE = 25;

// Subsets used so far, each an eld instance of its own. Tenants share a handful of lists; the cap
// only guards against a caller building a new list per message.
const MAX_CACHED_SUBSETS = 32;

const NOT_DETECTED: DetectLanguageResult = { language: null, confidence: 0, reliable: false };

function unsquash(score: number): number {
  return (ELD_SCORE_SCALE * score) / (1 - score);
}

/** Lead of the best-scoring language over the runner-up; scores come from `getScores()`. */
function bestAndMargin(scores: Record<string, number>): { best: string | null; margin: number } {
  let best: string | null = null;
  let first = 0;
  let second = 0;
  for (const [code, score] of Object.entries(scores)) {
    const evidence = unsquash(score);
    if (evidence > first) {
      second = first;
      first = evidence;
      best = code;
    } else if (evidence > second) {
      second = evidence;
    }
  }
  if (best === null || first <= 0) return { best: null, margin: 0 };
  return { best, margin: (first - second) / first };
}

/**
 * Builds `detectLanguage` on top of one loaded eld database (`eld/small` in production; the
 * data-size bench passes the others). Each distinct `supported` list gets its own eld instance
 * with that language subset, created on first use and never changed afterwards, so a result
 * depends only on the text and the list.
 */
export function createLanguageDetector(base: EldInstance) {
  const known = new Set(Object.values(base.info().Languages));
  const subsets = new Map<string, EldInstance>();

  function instanceFor(primaries: readonly string[]): EldInstance {
    const key = primaries.join(',');
    const cached = subsets.get(key);
    if (cached) return cached;
    const instance = base.newInstance();
    instance.setLanguageSubset([...primaries]);
    if (subsets.size >= MAX_CACHED_SUBSETS) {
      const oldest = subsets.keys().next().value;
      if (oldest !== undefined) subsets.delete(oldest);
    }
    subsets.set(key, instance);
    return instance;
  }

  /**
   * Detects which of the `supported` languages a short message is written in. URLs, e-mail
   * addresses, @mentions, numbers, codes and emoji are removed first. Returns a null language
   * below `MIN_LETTERS` letters, when eld itself finds the result unreliable, or when the winner
   * leads the runner-up by less than `MIN_MARGIN`.
   */
  function detectLanguage(text: string, options: DetectLanguageOptions = {}): DetectLanguageResult {
    const supported = options.supported ?? DEFAULT_SUPPORTED_LANGUAGES;
    // Caller's spelling per primary subtag, first one wins; codes eld cannot detect are dropped
    // (an empty subset would make eld consider all of its 60 languages).
    const spelling = new Map<string, string>();
    for (const code of supported) {
      const primary = primarySubtag(code);
      if (known.has(primary) && !spelling.has(primary)) spelling.set(primary, code);
    }
    if (spelling.size === 0) return NOT_DETECTED;

    const cleaned = stripNonLanguage(typeof text === 'string' ? text : '');
    if (countLetters(cleaned) < MIN_LETTERS) return NOT_DETECTED;

    const result = instanceFor([...spelling.keys()].sort()).detect(cleaned);
    const { best, margin } = bestAndMargin(result.getScores());
    const language = best === null ? null : (spelling.get(best) ?? null);
    // eld's isReliable() checks the n-gram count and the winner's absolute score; its own
    // runner-up check compares against a language index, not a score (eld 2.1), hence ours.
    const reliable = language !== null && result.isReliable() && margin >= MIN_MARGIN;
    return { language: reliable ? language : null, confidence: margin, reliable };
  }

  return detectLanguage;
}

export type DetectLanguage = ReturnType<typeof createLanguageDetector>;
