import { scanMessage } from '@elara/detection/scan';
import type { ScanResult } from '@elara/detection/types';
import { chooseReplyLanguage } from '@elara/language/choose';
import type { RateLimitDecision } from '@elara/ratelimit/limits';
import { composeMediaOnlyReply, composeRateLimitNotice, composeVerdictReply } from '@elara/replies/compose';
import { REPLY_LANGUAGES } from '@elara/replies/languages';
import type { DetectionInputs } from '../detection-inputs/detection-inputs.ts';
import type { MessageContext } from './message-context.repo.ts';

export type ReplyPlan =
  | { kind: 'verdict'; body: string; scan: ScanResult; language: string }
  | { kind: 'rate_limit_notice'; body: string; language: string }
  | { kind: 'media_only'; body: string; language: string }
  | { kind: 'none'; language: string };

/** The user's stored language, else the tenant's default: for replies to messages not scanned. */
function knownLanguage(context: MessageContext): string {
  return chooseReplyLanguage({
    detected: null,
    stored: context.user.language,
    tenantDefault: context.defaultLanguage,
    supported: REPLY_LANGUAGES,
  }).language;
}

/**
 * What to answer, given the message, the rate-limit decision and what the scan may use beyond the
 * text (threat feeds, the tenant's lists, link facts). Pure: no I/O. A verdict is written in the
 * language the message was reliably detected in, else the user's stored language, else the
 * tenant default.
 */
export function decideReply(
  context: MessageContext,
  limit: RateLimitDecision,
  inputs: DetectionInputs = {},
): ReplyPlan {
  if (!limit.allowed) {
    const language = knownLanguage(context);
    if (!limit.notify) return { kind: 'none', language };
    return {
      kind: 'rate_limit_notice',
      body: composeRateLimitNotice(language, context.tenantName),
      language,
    };
  }
  if (!context.body.trim() && context.numMedia > 0) {
    const language = knownLanguage(context);
    const body = composeMediaOnlyReply(language, context.tenantName, context.user.firstContact);
    return { kind: 'media_only', body, language };
  }
  const scan = scanMessage({
    ...inputs,
    text: context.body,
    brandDomains: context.brandDomains,
    languages: REPLY_LANGUAGES,
  });
  const { language } = chooseReplyLanguage({
    detected: { language: scan.language, reliable: scan.language !== null },
    stored: context.user.language,
    tenantDefault: context.defaultLanguage,
    supported: REPLY_LANGUAGES,
  });
  const body = composeVerdictReply({
    scan,
    language,
    tenantName: context.tenantName,
    firstContact: context.user.firstContact,
    mediaCount: context.numMedia,
  });
  return { kind: 'verdict', body, scan, language };
}
