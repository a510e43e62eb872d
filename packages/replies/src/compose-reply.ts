import type { ScanResult, Signal, SignalCode } from '@elara/detection/types';
import { SIGNAL_CODES } from '@elara/detection/types';
import { layoutReply } from './format/reply-layout.ts';
import { cleanInline, defang } from './format/whatsapp-format.ts';
import { resolveReplyLanguage } from './language/reply-language.ts';
import type { ReplyCatalog } from './locales/reply-catalog.types.ts';
import { REPLY_CATALOGS } from './locales/reply-catalogs.ts';

export { resolveReplyLanguage } from './language/reply-language.ts';
export type { ReplyLanguage } from './language/reply-language.ts';

/** Hard cap on a reply, in UTF-16 code units (stricter than counting characters). */
export const REPLY_MAX_CHARS = 1_600;
const MAX_REASONS = 3;
const MAX_TENANT_CHARS = 60;
const MAX_DETAIL_CHARS = 40;
const FALLBACK_TENANT = 'Elara';
const KNOWN_CODES: ReadonlySet<string> = new Set(SIGNAL_CODES);
/** Codes whose detail adds nothing for the reader (an English label, or the host again). */
const HIDDEN_DETAILS: ReadonlySet<string> = new Set<SignalCode>(['text.obfuscation', 'url.plain_http']);

export interface VerdictReplyInput {
  scan: ScanResult;
  /** Any language code ("pt-BR", "es"); unknown codes get English. */
  language: string;
  tenantName: string;
  /** Prepend a one-line welcome saying who we are and that anything suspicious can be forwarded. */
  firstContact: boolean;
  /** Attachments that came with the text; they are not analysed yet, and the reply says so. */
  mediaCount?: number;
}

function cleanTenant(name: string): string {
  return cleanInline(name, MAX_TENANT_CHARS) || FALLBACK_TENANT;
}

function formatDetail(signal: Signal): string {
  if (!signal.detail || HIDDEN_DETAILS.has(signal.code)) return '';
  const detail = defang(cleanInline(signal.detail, MAX_DETAIL_CHARS));
  if (!detail) return '';
  // Hosts stay plain; phrases quoted from the message are set in italics so they read as quotes.
  return signal.code.startsWith('url.') ? detail : `_"${detail}"_`;
}

function reasonSentence(signal: Signal, catalog: ReplyCatalog, tenant: string): string {
  if (KNOWN_CODES.has(signal.code)) return catalog.reasons[signal.code as SignalCode](tenant);
  return signal.code.startsWith('url.') ? catalog.genericReason.url : catalog.genericReason.text;
}

/** One bullet per fired signal (distinct codes, strongest first), at most MAX_REASONS. */
function reasonLines(signals: readonly Signal[], catalog: ReplyCatalog, tenant: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const signal of signals) {
    if (lines.length >= MAX_REASONS) break;
    if (seen.has(signal.code)) continue;
    seen.add(signal.code);
    const detail = formatDetail(signal);
    lines.push(
      `• ${reasonSentence(signal, catalog, tenant)}${detail ? catalog.detailSeparator + detail : ''}`,
    );
  }
  return lines;
}

/**
 * The WhatsApp reply to a scanned message: optional welcome, the verdict first, up to three
 * reasons taken from the signals that fired, a note when links went unchecked, and one next step.
 * Always at most REPLY_MAX_CHARS long.
 */
export function composeVerdictReply(input: VerdictReplyInput): string {
  const catalog = REPLY_CATALOGS[resolveReplyLanguage(input.language)];
  const tenant = cleanTenant(input.tenantName);
  const { scan } = input;
  const verdictLine = catalog.verdictLine[scan.verdict];
  const before = input.firstContact ? [catalog.welcome(tenant), verdictLine] : [verdictLine];
  const after = [catalog.nextStep[scan.verdict](tenant)];
  if ((input.mediaCount ?? 0) > 0) after.unshift(catalog.mediaNotChecked);
  if (scan.urlsOmitted > 0) {
    after.unshift(catalog.linksChecked(scan.urls.length, scan.urls.length + scan.urlsOmitted));
  }
  const reasons = reasonLines(scan.signals, catalog, tenant);
  return layoutReply(
    { before, heading: catalog.reasonsHeading[scan.verdict], reasons, after },
    REPLY_MAX_CHARS,
  );
}

/**
 * One reason as plain text, without WhatsApp formatting: the sentence for the signal's code and
 * its detail, e.g. for `elara classify` and the admin API.
 */
export function describeSignal(signal: Signal, language: string, tenantName = 'your bank'): string {
  const catalog = REPLY_CATALOGS[resolveReplyLanguage(language)];
  const sentence = reasonSentence(signal, catalog, cleanTenant(tenantName));
  const detail =
    signal.detail && !HIDDEN_DETAILS.has(signal.code) ? cleanInline(signal.detail, MAX_DETAIL_CHARS) : '';
  return detail ? `${sentence}${catalog.detailSeparator}${detail}` : sentence;
}

/** Polite notice for a user over their rate limit, saying roughly when to try again. */
export function composeRateLimitNotice(language: string, tenantName: string): string {
  return REPLY_CATALOGS[resolveReplyLanguage(language)].rateLimit(cleanTenant(tenantName));
}

/** The reply to a message that is only attachments (photos, documents, voice notes). */
export function composeMediaOnlyReply(language: string, tenantName: string, firstContact: boolean): string {
  const catalog = REPLY_CATALOGS[resolveReplyLanguage(language)];
  const lines = firstContact
    ? [catalog.welcome(cleanTenant(tenantName)), catalog.mediaOnly]
    : [catalog.mediaOnly];
  return lines.join('\n\n');
}
