import type { MessageSubject } from '@elara/access-control/subjects';
import type { PageRequest } from '../shared/pagination.ts';

export type Verdict = 'scam' | 'suspicious' | 'spam' | 'safe';
export type MessageStatus = 'received' | 'replied' | 'rate_limited' | 'dead_lettered';

export interface MessagesRef {
  /** Tenant actors default to (and may only name) their own tenant. */
  tenantId?: string;
}

export interface MessageRef extends MessagesRef {
  messageId: string;
}

export interface ListMessagesQuery extends MessagesRef, PageRequest {
  verdict?: Verdict;
  status?: MessageStatus;
  /** Received at or after (a Date or ISO 8601 string). */
  from?: Date | string;
  /** Received before. */
  to?: Date | string;
  whatsappUserId?: string;
}

/**
 * A message with its verdict and reply, as the actor may see it: viewers get metadata only (no
 * body, media, links, number, profile name or reply text, and reasons without their matched
 * text). `replyStatus` is the reply's delivery status (`pending`, `sent`, `delivered`, …).
 */
export type MessageView = Partial<MessageSubject> & { replyStatus?: string | null };
