import {
  ADMIN_USER_CREATE_FIELDS,
  ADMIN_USER_UPDATE_FIELDS,
  API_KEY_CREATE_FIELDS,
  API_KEY_UPDATE_FIELDS,
  GENERAL_SETTINGS_FIELDS,
  ON_ANALYSTS_AND_VIEWERS,
  SENDER_CREATE_FIELDS,
  SENDER_UPDATE_FIELDS,
  URL_RULE_CREATE_FIELDS,
  URL_RULE_UPDATE_FIELDS,
  WHATSAPP_USER_UPDATE_FIELDS,
} from './roles/field-groups.ts';
import type { PermissionTable } from './roles/permission-table.types.ts';

/*
 * API-key scopes: `<resource>:<verb>`. A key holds exactly the union of its scopes, each ANDed
 * with `tenantId: <the key's tenant>`. `:write` includes `:read` of the same resource.
 *
 * Bounds that hold whatever the scopes (tested):
 * - nothing beyond what a tenant admin may do, and less for users: `users:write` manages only
 *   analysts and viewers, so a key can never mint an admin or an owner;
 * - no scope touches the tenant itself, SSO settings, rate limits or audit writes;
 * - with `apikeys:write`, a key may create, rename, rotate or delete only keys whose scopes are a
 *   subset of its own (rotating hands over the new secret, so it would otherwise escalate).
 */

export const API_KEY_SCOPES = {
  'tenant:read': { Tenant: { read: true } },
  'settings:read': { TenantSettings: { read: true } },
  'settings:write': { TenantSettings: { read: true, update: { fields: GENERAL_SETTINGS_FIELDS } } },
  'ratelimits:read': { RateLimits: { read: true } },
  'senders:read': { WhatsappSender: { read: true } },
  'senders:write': {
    WhatsappSender: {
      read: true,
      create: { fields: SENDER_CREATE_FIELDS },
      update: { fields: SENDER_UPDATE_FIELDS },
      delete: true,
      rotate: true,
    },
  },
  'whatsappusers:read': { WhatsappUser: { read: true } },
  'whatsappusers:write': {
    WhatsappUser: { read: true, update: { fields: WHATSAPP_USER_UPDATE_FIELDS }, delete: true },
  },
  'messages:read': { Message: { read: true } },
  'messages:export': { Message: { export: true } },
  'deadletters:read': { DeadLetter: { read: true } },
  'deadletters:redrive': { DeadLetter: { redrive: true } },
  'audit:read': { AuditEvent: { read: true } },
  'audit:export': { AuditEvent: { export: true } },
  'urlrules:read': { UrlRule: { read: true } },
  'urlrules:write': {
    UrlRule: {
      read: true,
      create: { fields: URL_RULE_CREATE_FIELDS },
      update: { fields: URL_RULE_UPDATE_FIELDS },
      delete: true,
    },
  },
  'users:read': { AdminUser: { read: true } },
  'users:write': {
    AdminUser: {
      read: true,
      create: { fields: ADMIN_USER_CREATE_FIELDS, where: ON_ANALYSTS_AND_VIEWERS },
      update: { fields: ADMIN_USER_UPDATE_FIELDS, where: ON_ANALYSTS_AND_VIEWERS },
      delete: { where: ON_ANALYSTS_AND_VIEWERS },
    },
  },
  'apikeys:read': { ApiKey: { read: true } },
  'apikeys:write': {
    ApiKey: {
      read: true,
      create: { fields: API_KEY_CREATE_FIELDS },
      update: { fields: API_KEY_UPDATE_FIELDS },
      delete: true,
      rotate: true,
    },
  },
} as const satisfies Record<string, PermissionTable>;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;
export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as ApiKeyScope[];

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && Object.hasOwn(API_KEY_SCOPES, value);
}

/** A key's scopes were empty, unknown or repeated; the message says which, for a 400. */
export class InvalidScopesError extends Error {
  override name = 'InvalidScopesError';
}

/**
 * Validates the scopes requested for a new key: at least one, each known, none repeated. (Whether
 * the caller may grant them is the ability's business: `authorizeCreate(ability, 'ApiKey', …)`.)
 */
export function parseApiKeyScopes(input: readonly string[]): ApiKeyScope[] {
  const unknown = input.filter((scope) => !isApiKeyScope(scope));
  if (unknown.length > 0) throw new InvalidScopesError(`unknown scopes: ${unknown.join(', ')}`);
  if (input.length === 0) throw new InvalidScopesError('a key needs at least one scope');
  if (new Set(input).size !== input.length) throw new InvalidScopesError('scopes are repeated');
  return input.filter(isApiKeyScope);
}

/** The known scopes among what a stored key holds; unknown ones (say, retired names) grant nothing. */
export function knownScopes(scopes: readonly string[] | undefined): ApiKeyScope[] {
  return (scopes ?? []).filter(isApiKeyScope);
}
