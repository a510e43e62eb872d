import { fieldsInClass } from '../field-catalog.ts';
import {
  PLATFORM_TENANT_CREATE_FIELDS,
  PLATFORM_TENANT_UPDATE_FIELDS,
  RATE_LIMIT_FIELDS,
} from './field-groups.ts';
import type { PermissionTable } from './permission-table.types.ts';

/**
 * Elara's operators, across every tenant (no tenant condition). They run the platform, not the
 * tenants' business:
 *
 * - Tenants: list, create, rename, change tier, suspend and reactivate (`suspend`). Not delete:
 *   closing a tenant is its owner's decision.
 * - Support without content: settings, rate limits (and their overrides), audit events, the
 *   console users and the sender numbers as metadata, dead letters' ids and errors (and re-drive).
 * - Never: messages or verdicts (not even metadata), WhatsApp users (phone numbers), API keys,
 *   URL rules, and no writes to a tenant's users, settings, senders or keys. Onboarding the first
 *   owner is part of creating the tenant (one service step after `create Tenant`), not a standing
 *   right to create users in any tenant.
 */
export const PLATFORM_ADMIN_PERMISSIONS: PermissionTable = {
  Tenant: {
    read: true,
    create: { fields: PLATFORM_TENANT_CREATE_FIELDS },
    update: { fields: PLATFORM_TENANT_UPDATE_FIELDS },
    suspend: true,
  },
  TenantSettings: { read: true },
  RateLimits: { read: true, update: { fields: RATE_LIMIT_FIELDS } },
  AdminUser: { read: true },
  WhatsappSender: { read: true },
  DeadLetter: { read: { fields: fieldsInClass('DeadLetter', 'metadata') }, redrive: true },
  AuditEvent: { read: true },
};
