import type { TenantRole } from '../actor.types.ts';
import {
  ADMIN_USER_CREATE_FIELDS,
  ADMIN_USER_UPDATE_FIELDS,
  API_KEY_CREATE_FIELDS,
  API_KEY_UPDATE_FIELDS,
  GENERAL_SETTINGS_FIELDS,
  MESSAGE_METADATA,
  ON_NON_OWNERS,
  SENDER_CREATE_FIELDS,
  SENDER_UPDATE_FIELDS,
  SSO_SETTINGS_FIELDS,
  TENANT_UPDATE_FIELDS,
  URL_RULE_CREATE_FIELDS,
  URL_RULE_UPDATE_FIELDS,
  WHATSAPP_USER_UPDATE_FIELDS,
} from './field-groups.ts';
import type { PermissionTable } from './permission-table.types.ts';

/*
 * The tenant roles, one table each. Every entry is ANDed with `tenantId: actor.tenantId` when the
 * ability is built, so nothing here can match another tenant's objects. Anything not listed is
 * denied. Universal rules added on top (see ability.ts): nobody writes `tenantId` or `id`, and
 * secret fields are never readable.
 *
 * Not here on purpose, for anyone: deleting messages or audit events (the record of what Elara
 * answered and who did what), writing audit events (the system appends them), suspending a tenant
 * or changing its tier or limits (Elara's operators do that).
 */

const owner: PermissionTable = {
  Tenant: { read: true, update: { fields: TENANT_UPDATE_FIELDS }, delete: true },
  TenantSettings: { read: true, update: { fields: [...GENERAL_SETTINGS_FIELDS, ...SSO_SETTINGS_FIELDS] } },
  RateLimits: { read: true },
  AdminUser: {
    read: true,
    create: { fields: ADMIN_USER_CREATE_FIELDS },
    update: { fields: ADMIN_USER_UPDATE_FIELDS },
    delete: true,
  },
  ApiKey: {
    read: true,
    create: { fields: API_KEY_CREATE_FIELDS },
    update: { fields: API_KEY_UPDATE_FIELDS },
    delete: true,
    rotate: true,
  },
  WhatsappSender: {
    read: true,
    create: { fields: SENDER_CREATE_FIELDS },
    update: { fields: SENDER_UPDATE_FIELDS },
    delete: true,
    rotate: true,
  },
  WhatsappUser: { read: true, update: { fields: WHATSAPP_USER_UPDATE_FIELDS }, delete: true },
  Message: { read: true, export: true },
  DeadLetter: { read: true, redrive: true },
  AuditEvent: { read: true, export: true },
  UrlRule: {
    read: true,
    create: { fields: URL_RULE_CREATE_FIELDS },
    update: { fields: URL_RULE_UPDATE_FIELDS },
    delete: true,
  },
};

/**
 * An owner without the keys to the tenant: cannot delete or rename the tenant, cannot touch SSO
 * (pointing SSO at another identity provider would let its holder sign in as an owner), and
 * cannot create, edit, delete, promote to or demote from `owner`. `ON_NON_OWNERS` is checked
 * against the user as stored and as it would be after the change (`authorizeUpdate`).
 */
const admin: PermissionTable = {
  Tenant: { read: true },
  TenantSettings: { read: true, update: { fields: GENERAL_SETTINGS_FIELDS } },
  RateLimits: { read: true },
  AdminUser: {
    read: true,
    create: { fields: ADMIN_USER_CREATE_FIELDS, where: ON_NON_OWNERS },
    update: { fields: ADMIN_USER_UPDATE_FIELDS, where: ON_NON_OWNERS },
    delete: { where: ON_NON_OWNERS },
  },
  ApiKey: owner.ApiKey,
  WhatsappSender: owner.WhatsappSender,
  WhatsappUser: owner.WhatsappUser,
  Message: { read: true, export: true },
  DeadLetter: { read: true, redrive: true },
  AuditEvent: { read: true, export: true },
  UrlRule: owner.UrlRule,
};

/** Investigates: reads and exports what Elara saw and did; changes nothing. */
const analyst: PermissionTable = {
  Tenant: { read: true },
  RateLimits: { read: true },
  WhatsappSender: { read: true },
  WhatsappUser: { read: true },
  Message: { read: true, export: true },
  DeadLetter: { read: true },
  AuditEvent: { read: true, export: true },
  UrlRule: { read: true },
};

/** Dashboards only: verdicts and counts, never what people wrote or their numbers; no exports. */
const viewer: PermissionTable = {
  Tenant: { read: true },
  Message: { read: MESSAGE_METADATA },
};

export const TENANT_ROLE_PERMISSIONS: Readonly<Record<TenantRole, PermissionTable>> = {
  owner,
  admin,
  analyst,
  viewer,
};
