import type { UrlRuleSubject } from '@elara/access-control/subjects';
import type { UrlRuleList } from '@elara/tenancy/url-rules';
import type { PageRequest } from '../shared/pagination.ts';

export type { UrlRuleList };

/** A rule to set: adds one, or moves an existing domain to `list` (one rule per domain). */
export type UrlRuleData = {
  list: UrlRuleList;
  /** A domain, host or pasted URL; stored normalised (lowercase, punycode, host only). */
  domain: string;
  /** Up to 500 characters; replaces the rule's note (unset clears it). */
  note?: string;
};

export interface UrlRulesRef {
  /** Tenant actors default to (and may only name) their own tenant. */
  tenantId?: string;
}

export interface ListUrlRulesQuery extends UrlRulesRef, PageRequest {
  list?: UrlRuleList;
}

export type UrlRuleView = Partial<UrlRuleSubject>;
