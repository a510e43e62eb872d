import { subject as tagSubject, type ForcedSubject, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { TenantRole } from './actor.types.ts';

/**
 * Actions of the admin API. `manage` is CASL's wildcard ("every action"): no role or scope is
 * granted it, so adding an action never widens anyone silently, and checking `manage` asks "may
 * this actor do everything?", which is always false.
 */
export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'manage',
  'redrive',
  'export',
  'suspend',
  'rotate',
] as const;
export type Action = (typeof ACTIONS)[number];
/** The actions that appear in the role and scope tables. */
export type GrantableAction = Exclude<Action, 'manage'>;
export const GRANTABLE_ACTIONS = ACTIONS.filter((a): a is GrantableAction => a !== 'manage');

/*
 * What a permission check sees of each resource. Only `tenantId` is required: an object that lacks
 * a field a condition needs (say `role`) does not match, so a partial object is denied, not allowed.
 */

/** A tenant. Its `tenantId` is its own id, so one tenant condition covers it like everything else. */
export interface TenantSubject {
  tenantId: string;
  slug?: string;
  name?: string;
  tier?: string;
  status?: 'active' | 'suspended';
  createdAt?: Date;
}

/** A person who signs in to the admin console of one tenant. */
export interface AdminUserSubject {
  tenantId: string;
  id?: string;
  email?: string;
  displayName?: string;
  role?: TenantRole;
  status?: 'active' | 'disabled' | 'invited';
  createdAt?: Date;
  lastLoginAt?: Date | null;
  passwordHash?: string | null;
}

/** A tenant's WhatsApp number and its Twilio credentials. `authToken` is write-only. */
export interface WhatsappSenderSubject {
  tenantId: string;
  id?: string;
  phoneNumber?: string;
  accountSid?: string;
  authToken?: string;
  authTokenSealed?: string;
  status?: 'active' | 'disabled';
  createdAt?: Date;
}

/** A tenant's own settings: replies, brands and single sign-on. */
export interface TenantSettingsSubject {
  tenantId: string;
  defaultLanguage?: string;
  brandDomains?: string[];
  /** The SAML identity provider's configuration. */
  sso?: unknown;
  /** When true, members may sign in only through SSO. */
  ssoEnforced?: boolean;
}

/** The tenant's message limits (set per tier and overridden by Elara's operators). */
export interface RateLimitsSubject {
  tenantId: string;
  userPerMinute?: number;
  userPerDay?: number;
  tenantPerMinute?: number;
}

export interface ApiKeySubject {
  tenantId: string;
  id?: string;
  name?: string;
  /** The first characters of the key, shown so people can tell keys apart. */
  prefix?: string;
  scopes?: string[];
  createdBy?: string;
  createdAt?: Date;
  lastUsedAt?: Date | null;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  secretHash?: string;
  /** The plaintext key: exists only in the response that creates or rotates it. */
  secret?: string;
}

/** A person who forwards messages to the tenant's number. */
export interface WhatsappUserSubject {
  tenantId: string;
  id?: string;
  phone?: string;
  language?: string | null;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  optedOutAt?: Date | null;
}

/** An inbound message with its verdict and reply: metadata, then content (personal data). */
export interface MessageSubject {
  tenantId: string;
  id?: string;
  senderId?: string;
  whatsappUserId?: string;
  status?: string;
  verdict?: 'scam' | 'suspicious' | 'spam' | 'safe' | null;
  score?: number | null;
  reasons?: unknown;
  language?: string | null;
  numMedia?: number;
  receivedAt?: Date;
  processedAt?: Date | null;
  body?: string;
  media?: unknown;
  fromPhone?: string;
  profileName?: string | null;
  urls?: unknown;
  replyBody?: string | null;
}

/** A message that exhausted its retries (the pipeline's `DeadLetter`: ids and the error). */
export interface DeadLetterSubject {
  tenantId: string;
  inboundMessageId?: string;
  receivedAt?: Date;
  lastError?: string | null;
}

export interface AuditEventSubject {
  tenantId: string;
  id?: string;
  actorType?: string;
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  occurredAt?: Date;
  details?: unknown;
}

/** One entry of the tenant's URL allow or block list. */
export interface UrlRuleSubject {
  tenantId: string;
  id?: string;
  list?: 'allow' | 'block';
  domain?: string;
  note?: string | null;
  createdAt?: Date;
}

export interface SubjectMap {
  Tenant: TenantSubject;
  AdminUser: AdminUserSubject;
  WhatsappSender: WhatsappSenderSubject;
  TenantSettings: TenantSettingsSubject;
  RateLimits: RateLimitsSubject;
  ApiKey: ApiKeySubject;
  WhatsappUser: WhatsappUserSubject;
  Message: MessageSubject;
  DeadLetter: DeadLetterSubject;
  AuditEvent: AuditEventSubject;
  UrlRule: UrlRuleSubject;
}

export type SubjectType = keyof SubjectMap;
export type FieldOf<S extends SubjectType> = keyof SubjectMap[S] & string;

export const SUBJECT_TYPES = [
  'Tenant',
  'AdminUser',
  'WhatsappSender',
  'TenantSettings',
  'RateLimits',
  'ApiKey',
  'WhatsappUser',
  'Message',
  'DeadLetter',
  'AuditEvent',
  'UrlRule',
] as const satisfies readonly SubjectType[];

/** A resource tagged with its subject type, as object-level checks require. */
export type SubjectObject<S extends SubjectType = SubjectType> = {
  [K in S]: SubjectMap[K] & ForcedSubject<K>;
}[S];

export type AppAbility = MongoAbility<[Action, SubjectType | SubjectObject], MongoQuery>;

/**
 * Tags a copy of `object` with its subject type for an object-level check. Untagged objects match
 * no rule (deny by default). The copy leaves the caller's row untouched.
 */
export function asSubject<S extends SubjectType>(type: S, object: SubjectMap[S]): SubjectObject<S> {
  return tagSubject(type, { ...object }) as SubjectObject<S>;
}
