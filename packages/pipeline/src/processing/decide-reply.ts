import { scanMessage } from '@elara/detection/scan';
import type { ScanResult } from '@elara/detection/types';
import type { RateLimitDecision } from '@elara/ratelimit/limits';
import { composeMediaOnlyReply, composeRateLimitNotice, composeVerdictReply } from '@elara/replies/compose';
import type { MessageContext } from './message-context.repo.ts';

export type ReplyPlan =
  | { kind: 'verdict'; body: string; scan: ScanResult; language: string }
  | { kind: 'rate_limit_notice'; body: string; language: string }
  | { kind: 'media_only'; body: string; language: string }
  | { kind: 'none'; language: string };

/** What to answer, given the message and the rate-limit decision. Pure: no I/O. */
export function decideReply(context: MessageContext, limit: RateLimitDecision): ReplyPlan {
  const language = context.user.language ?? context.defaultLanguage;
  if (!limit.allowed) {
    if (!limit.notify) return { kind: 'none', language };
    return {
      kind: 'rate_limit_notice',
      body: composeRateLimitNotice(language, context.tenantName),
      language,
    };
  }
  if (!context.body.trim() && context.numMedia > 0) {
    const body = composeMediaOnlyReply(language, context.tenantName, context.user.firstContact);
    return { kind: 'media_only', body, language };
  }
  const scan = scanMessage({ text: context.body, brandDomains: context.brandDomains });
  const body = composeVerdictReply({
    scan,
    language,
    tenantName: context.tenantName,
    firstContact: context.user.firstContact,
    mediaCount: context.numMedia,
  });
  return { kind: 'verdict', body, scan, language };
}
