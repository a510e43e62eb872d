import type { FieldOf, SubjectType } from './subjects.types.ts';

/**
 * - `metadata`: ids, states, timestamps, settings; what dashboards and operators need.
 * - `content`: what WhatsApp users wrote or who they are (text, media, links, phone numbers,
 *   profile names). Viewers and Elara's operators never see it.
 * - `secret`: credentials. Writable where a role allows it, never readable by anyone.
 */
export type FieldClass = 'metadata' | 'content' | 'secret';

/**
 * Every field of every subject, classified. This is the catalog field rules are checked against:
 * a payload key or read-model field not listed here is unknown, and unknown fields are refused on
 * write and left out on read. Keep it in step with the read models (the type checker insists
 * that it matches the subject interfaces).
 */
export const FIELD_CLASSES = {
  Tenant: {
    tenantId: 'metadata',
    slug: 'metadata',
    name: 'metadata',
    tier: 'metadata',
    status: 'metadata',
    createdAt: 'metadata',
  },
  AdminUser: {
    tenantId: 'metadata',
    id: 'metadata',
    email: 'metadata',
    displayName: 'metadata',
    role: 'metadata',
    status: 'metadata',
    createdAt: 'metadata',
    lastLoginAt: 'metadata',
    passwordHash: 'secret',
  },
  WhatsappSender: {
    tenantId: 'metadata',
    id: 'metadata',
    phoneNumber: 'metadata',
    accountSid: 'metadata',
    authToken: 'secret',
    authTokenSealed: 'secret',
    status: 'metadata',
    createdAt: 'metadata',
  },
  TenantSettings: {
    tenantId: 'metadata',
    defaultLanguage: 'metadata',
    brandDomains: 'metadata',
    sso: 'metadata',
    ssoEnforced: 'metadata',
  },
  RateLimits: {
    tenantId: 'metadata',
    userPerMinute: 'metadata',
    userPerDay: 'metadata',
    tenantPerMinute: 'metadata',
  },
  ApiKey: {
    tenantId: 'metadata',
    id: 'metadata',
    name: 'metadata',
    prefix: 'metadata',
    scopes: 'metadata',
    createdBy: 'metadata',
    createdAt: 'metadata',
    lastUsedAt: 'metadata',
    expiresAt: 'metadata',
    revokedAt: 'metadata',
    secretHash: 'secret',
    secret: 'secret',
  },
  WhatsappUser: {
    tenantId: 'metadata',
    id: 'metadata',
    phone: 'content',
    language: 'metadata',
    firstSeenAt: 'metadata',
    lastSeenAt: 'metadata',
    optedOutAt: 'metadata',
  },
  Message: {
    tenantId: 'metadata',
    id: 'metadata',
    senderId: 'metadata',
    whatsappUserId: 'metadata',
    status: 'metadata',
    verdict: 'metadata',
    score: 'metadata',
    reasons: 'metadata',
    language: 'metadata',
    numMedia: 'metadata',
    receivedAt: 'metadata',
    processedAt: 'metadata',
    body: 'content',
    media: 'content',
    fromPhone: 'content',
    profileName: 'content',
    urls: 'content',
    replyBody: 'content',
  },
  DeadLetter: {
    tenantId: 'metadata',
    inboundMessageId: 'metadata',
    receivedAt: 'metadata',
    lastError: 'metadata',
  },
  AuditEvent: {
    tenantId: 'metadata',
    id: 'metadata',
    actorType: 'metadata',
    actorId: 'metadata',
    action: 'metadata',
    subjectType: 'metadata',
    subjectId: 'metadata',
    ip: 'metadata',
    userAgent: 'metadata',
    occurredAt: 'metadata',
    details: 'metadata',
  },
  UrlRule: {
    tenantId: 'metadata',
    id: 'metadata',
    list: 'metadata',
    domain: 'metadata',
    note: 'metadata',
    createdAt: 'metadata',
  },
} as const satisfies { [S in SubjectType]: Record<FieldOf<S>, FieldClass> };

type Classes<S extends SubjectType> = (typeof FIELD_CLASSES)[S];
export type SecretFieldOf<S extends SubjectType> = {
  [K in keyof Classes<S>]: Classes<S>[K] extends 'secret' ? K : never;
}[keyof Classes<S>] &
  string;

/** Every known field of a subject. */
export function fieldsOf<S extends SubjectType>(type: S): FieldOf<S>[] {
  return Object.keys(FIELD_CLASSES[type]) as FieldOf<S>[];
}

/** The fields of a subject in one class, e.g. the metadata of a message. */
export function fieldsInClass<S extends SubjectType>(type: S, fieldClass: FieldClass): FieldOf<S>[] {
  const classes: Record<string, FieldClass> = FIELD_CLASSES[type];
  return fieldsOf(type).filter((field) => classes[field] === fieldClass);
}

/** The fields of a subject that are never readable, e.g. a sender's `authToken`. */
export function secretFieldsOf<S extends SubjectType>(type: S): SecretFieldOf<S>[] {
  return fieldsInClass(type, 'secret') as SecretFieldOf<S>[];
}

/**
 * A copy of a read model without its secret fields, whoever asks: the last line before a sender,
 * key or user leaves the API. (`pickReadableFields` in `./fields` also applies the actor's field
 * rules; this one needs no ability and fits places that have none, such as logs.)
 */
export function stripSecretFields<S extends SubjectType, T extends object>(
  type: S,
  model: T,
): Omit<T, SecretFieldOf<S>> {
  const secrets = new Set<string>(secretFieldsOf(type));
  const entries = Object.entries(model).filter(([key]) => !secrets.has(key));
  return Object.fromEntries(entries) as Omit<T, SecretFieldOf<S>>;
}
