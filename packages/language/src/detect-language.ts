import { eld } from 'eld/small';
import { createLanguageDetector } from './language-detector.ts';

export type { DetectLanguageOptions, DetectLanguageResult } from './language-detector.ts';
export { MIN_LETTERS, MIN_MARGIN } from './language-detector.ts';
export { DEFAULT_SUPPORTED_LANGUAGES } from './supported-languages.ts';

/*
 * eld's "small" database, loaded once when this module is first imported (about 0.4 s and 46 MB
 * of heap). For en/es/pt/fr/de it holds the same n-grams as "medium" (medium adds n-grams for
 * other languages), and "large" bought under one point of accuracy on short texts for three
 * times the memory: see README.md.
 */

/**
 * Detects which of the `supported` languages (default en, es, pt, fr, de) a short message is
 * written in. Pure after module load: no I/O, and the same text and list always give the same
 * answer.
 *
 * ```ts
 * detectLanguage('oi mãe, esse é meu número novo'); // { language: 'pt', confidence: 0.756…, reliable: true }
 * detectLanguage('ok 👍'); // { language: null, confidence: 0, reliable: false }
 * ```
 */
export const detectLanguage = createLanguageDetector(eld);
