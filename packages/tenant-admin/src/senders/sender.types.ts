import type { WhatsappSenderSubject } from '@elara/access-control/subjects';
import type { PageRequest } from '../shared/pagination.ts';

export type SenderStatus = 'active' | 'disabled';

export type NewSenderData = {
  /** E.164, unique across all tenants (one number, one tenant). */
  phoneNumber: string;
  /** Twilio account SID, `AC` + 32 hex digits. */
  accountSid: string;
  /** Twilio auth token: sealed before it reaches the database, never returned. */
  authToken: string;
};

export type SenderCredentials = {
  authToken: string;
  /** Unchanged when unset. */
  accountSid?: string;
};

export interface SendersRef {
  /** Required for platform admins; tenant actors default to (and may only name) their own. */
  tenantId?: string;
}

export interface SenderRef extends SendersRef {
  senderId: string;
}

export interface ListSendersQuery extends SendersRef, PageRequest {
  status?: SenderStatus;
}

/** A sender as the actor may see it: never its auth token, sealed or not. */
export type SenderView = Partial<Omit<WhatsappSenderSubject, 'authToken' | 'authTokenSealed'>>;
