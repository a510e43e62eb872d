import type { WhatsappUserSubject } from '@elara/access-control/subjects';
import type { PageRequest } from '../shared/pagination.ts';
import type { Language } from '../shared/validation.ts';

export interface WhatsappUsersRef {
  /** Tenant actors default to (and may only name) their own tenant. */
  tenantId?: string;
}

export interface WhatsappUserRef extends WhatsappUsersRef {
  userId: string;
}

export interface ListWhatsappUsersQuery extends WhatsappUsersRef, PageRequest {
  /** Digits the number starts with, with or without the leading `+` (e.g. `+44`, `3491`). */
  phonePrefix?: string;
  language?: Language;
  /** true: only opted-out users; false: only users who have not opted out. */
  optedOut?: boolean;
}

export type WhatsappUserPatch = {
  /** The language replies fall back to; null forgets it. */
  language?: Language | null;
  /** When the user opted out (a Date or ISO 8601 string, not in the future); null opts back in. */
  optedOutAt?: Date | string | null;
};

export type WhatsappUserView = Partial<WhatsappUserSubject>;

export interface WhatsappUserErasure {
  /** Inbound messages deleted with the user (their scans, replies and delivery records too). */
  messagesDeleted: number;
}
