import { MAX_SCANNED_CHARS } from './explicit-evidence.ts';
import { normalizeMessage } from './text/text-normalizer.ts';
import { extractUrls } from './url/url-extractor.ts';

const DEFAULT_MAX_LINKS = 5;

/**
 * The links `scanMessage` would check, normalised the same way, for steps that must run before
 * the scan (the optional network look-ups of `@elara/link-inspection`).
 */
export function listLinks(text: string, maxLinks = DEFAULT_MAX_LINKS): Array<{ url: string; host: string }> {
  const normalized = normalizeMessage(text.slice(0, MAX_SCANNED_CHARS));
  return extractUrls(normalized.text, maxLinks).urls.map(({ url, host }) => ({ url, host }));
}

/** What the link inspector needs to know about hosts, from the same lists the scan uses. */
export { SHORTENER_HOSTS } from './url/url-lists.ts';
export { registrableDomain } from './url/url-host.ts';
