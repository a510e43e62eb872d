import type { MongoQuery } from '@casl/ability';
import { NON_OWNER_ROLES } from '../actor.types.ts';
import { fieldsInClass } from '../field-catalog.ts';
import type { AdminUserSubject } from '../subjects.types.ts';
import type { Permission } from './permission-table.types.ts';

/*
 * Field lists and conditions shared by the role and scope tables. Ids, `tenantId`, timestamps and
 * computed fields never appear in a write list: the server sets them.
 */

export const TENANT_UPDATE_FIELDS = ['name'] as const;
export const PLATFORM_TENANT_CREATE_FIELDS = ['slug', 'name', 'tier'] as const;
export const PLATFORM_TENANT_UPDATE_FIELDS = ['name', 'tier'] as const;

/** Settings an admin may change. */
export const GENERAL_SETTINGS_FIELDS = ['defaultLanguage', 'brandDomains'] as const;
/** Settings only an owner may change: who can sign in, and how. */
export const SSO_SETTINGS_FIELDS = ['sso', 'ssoEnforced'] as const;

export const RATE_LIMIT_FIELDS = ['userPerMinute', 'userPerDay', 'tenantPerMinute'] as const;

export const ADMIN_USER_CREATE_FIELDS = ['email', 'displayName', 'role'] as const;
/** `email` is the sign-in identity and is not editable: changing it would hand over the account. */
export const ADMIN_USER_UPDATE_FIELDS = ['displayName', 'status', 'role'] as const;

/** `authToken` is write-only: it may be set here and is never readable (see `FIELD_CLASSES`). */
export const SENDER_CREATE_FIELDS = ['phoneNumber', 'accountSid', 'authToken'] as const;
export const SENDER_UPDATE_FIELDS = ['accountSid', 'authToken', 'status'] as const;

/** A key's scopes are fixed at creation: widening a key means creating a new one. */
export const API_KEY_CREATE_FIELDS = ['name', 'scopes', 'expiresAt'] as const;
export const API_KEY_UPDATE_FIELDS = ['name'] as const;

export const WHATSAPP_USER_UPDATE_FIELDS = ['language', 'optedOutAt'] as const;

export const URL_RULE_CREATE_FIELDS = ['list', 'domain', 'note'] as const;
export const URL_RULE_UPDATE_FIELDS = ['list', 'note'] as const;

/** Tenant admins neither see owners as editable nor make anyone one. */
export const ON_NON_OWNERS: MongoQuery<AdminUserSubject> = { role: { $in: [...NON_OWNER_ROLES] } };
/** API keys with `users:write` manage only analysts and viewers: a key cannot mint an admin. */
export const ON_ANALYSTS_AND_VIEWERS: MongoQuery<AdminUserSubject> = { role: { $in: ['analyst', 'viewer'] } };

/** Message metadata (verdict, status, timestamps) without what the WhatsApp user wrote. */
export const MESSAGE_METADATA: Permission<'Message'> = { fields: fieldsInClass('Message', 'metadata') };
