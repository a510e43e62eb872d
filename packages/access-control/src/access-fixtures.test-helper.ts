import type { ActorContext, TenantRole } from './actor.types.ts';
import { API_KEY_SCOPE_NAMES } from './scopes.ts';
import {
  ACTIONS,
  asSubject,
  type Action,
  type AppAbility,
  type SubjectMap,
  type SubjectObject,
  type SubjectType,
} from './subjects.types.ts';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';

export function userActor(role: TenantRole, tenantId: string | null = TENANT): ActorContext {
  return { actorType: 'user', actorId: `user-${role}`, tenantId, role };
}

export function apiKeyActor(scopes: readonly string[], tenantId: string | null = TENANT): ActorContext {
  return { actorType: 'api_key', actorId: 'key-1', tenantId, scopes };
}

export const PLATFORM_ADMIN: ActorContext = { actorType: 'platform_admin', actorId: 'op-1', tenantId: null };
export const ALL_SCOPES_KEY = apiKeyActor(API_KEY_SCOPE_NAMES);

/** A complete object of each subject in `tenantId`, as a service would load it. */
export function sampleRecord<S extends SubjectType>(type: S, tenantId: string): SubjectMap[S] {
  const at = new Date('2025-01-01T00:00:00Z');
  const records: { [K in SubjectType]: SubjectMap[K] } = {
    Tenant: {
      tenantId,
      slug: 'demo-bank',
      name: 'Demo Bank',
      tier: 'standard',
      status: 'active',
      createdAt: at,
    },
    AdminUser: {
      tenantId,
      id: 'u-analyst',
      email: 'ana@demobank.com',
      displayName: 'Ana',
      role: 'analyst',
      status: 'active',
      createdAt: at,
      lastLoginAt: null,
      passwordHash: '$argon2id$v=19$secret',
    },
    WhatsappSender: {
      tenantId,
      id: 's-1',
      phoneNumber: '+14155238886',
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: 'twilio-auth-token',
      authTokenSealed: 'v1.iv.ct',
      status: 'active',
      createdAt: at,
    },
    TenantSettings: {
      tenantId,
      defaultLanguage: 'en',
      brandDomains: ['demobank.com'],
      sso: {},
      ssoEnforced: false,
    },
    RateLimits: { tenantId, userPerMinute: 10, userPerDay: 300, tenantPerMinute: 6000 },
    ApiKey: {
      tenantId,
      id: 'k-2',
      name: 'SIEM',
      prefix: 'elk_ab12',
      scopes: ['messages:read'],
      createdBy: 'user-owner',
      createdAt: at,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      secretHash: 'hash-of-secret',
    },
    WhatsappUser: {
      tenantId,
      id: 'w-1',
      phone: '+447700900123',
      language: 'en',
      firstSeenAt: at,
      lastSeenAt: at,
    },
    Message: {
      tenantId,
      id: 'm-1',
      senderId: 's-1',
      whatsappUserId: 'w-1',
      status: 'replied',
      verdict: 'scam',
      score: 0.97,
      reasons: ['lookalike-domain'],
      language: 'en',
      numMedia: 0,
      receivedAt: at,
      processedAt: at,
      body: 'URGENT: verify at http://demobank-secure-login.xyz',
      media: [],
      fromPhone: '+447700900123',
      profileName: 'Sam',
      urls: ['http://demobank-secure-login.xyz'],
      replyBody: 'This is a scam.',
    },
    DeadLetter: { tenantId, inboundMessageId: 'm-2', receivedAt: at, lastError: 'provider 500' },
    AuditEvent: {
      tenantId,
      id: 'a-1',
      actorType: 'user',
      actorId: 'user-owner',
      action: 'update',
      subjectType: 'AdminUser',
      subjectId: 'u-analyst',
      ip: '203.0.113.5',
      userAgent: 'test',
      occurredAt: at,
      details: {},
    },
    UrlRule: {
      tenantId,
      id: 'r-1',
      list: 'block',
      domain: 'demobank-secure-login.xyz',
      note: null,
      createdAt: at,
    },
  };
  return records[type];
}

/** `sampleRecord`, tagged for an object-level check. */
export function sample<S extends SubjectType>(
  type: S,
  tenantId: string,
  overrides: Partial<SubjectMap[S]> = {},
): SubjectObject {
  return asSubject(type, { ...sampleRecord(type, tenantId), ...overrides }) as SubjectObject;
}

/** The actions (in `ACTIONS` order) the ability allows on an object. */
export function allowedActions(ability: AppAbility, object: SubjectObject): Action[] {
  return ACTIONS.filter((action) => ability.can(action, object));
}

/** Parses the matrix shorthand "read update delete" into actions. */
export function actions(list: string): Action[] {
  const wanted = list.split(/\s+/u).filter(Boolean);
  const unknown = wanted.filter((word) => !(ACTIONS as readonly string[]).includes(word));
  if (unknown.length > 0) throw new Error(`unknown actions in a test table: ${unknown.join(', ')}`);
  return ACTIONS.filter((action) => wanted.includes(action));
}
