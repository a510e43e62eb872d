import type { ReplyLanguage } from '../language/reply-language.ts';
import { CATALOG_DE } from './catalog-de.ts';
import { CATALOG_EN } from './catalog-en.ts';
import { CATALOG_ES } from './catalog-es.ts';
import { CATALOG_FR } from './catalog-fr.ts';
import { CATALOG_PT } from './catalog-pt.ts';
import type { ReplyCatalog } from './reply-catalog.types.ts';

/** One catalog per reply language; typed so a missing language or sentence does not compile. */
export const REPLY_CATALOGS: Readonly<Record<ReplyLanguage, ReplyCatalog>> = {
  en: CATALOG_EN,
  es: CATALOG_ES,
  pt: CATALOG_PT,
  fr: CATALOG_FR,
  de: CATALOG_DE,
};
