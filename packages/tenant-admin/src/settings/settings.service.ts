import type { ActorContext } from '@elara/access-control/actor';
import { ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { authorizeUpdate } from '@elara/access-control/guards';
import {
  asSubject,
  type AppAbility,
  type SubjectObject,
  type TenantSettingsSubject,
} from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { z } from 'zod';
import { resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { brandDomainsSchema, languageSchema, parseInput } from '../shared/validation.ts';
import { ValidationError } from '../tenant-admin.errors.ts';
import { findTenant, updateTenant, type TenantRow } from '../tenants/tenant.repo.ts';
import {
  REPLY_STYLES,
  type ReplyStyle,
  type SettingsPatch,
  type SettingsRef,
  type SettingsView,
  type UpdateSettingsInput,
} from './settings.types.ts';

export type { ReplyStyle, SettingsPatch, SettingsRef, SettingsView, UpdateSettingsInput };

/**
 * `replyStyle` is not in `@elara/access-control`'s field catalog yet, so its field rules cannot
 * name it. Until they do, it is read and written exactly when `defaultLanguage` is: both shape the
 * replies, and both are "general settings" (owner and admin may change them, never SSO).
 */
const REPLY_STYLE_STAND_IN = 'defaultLanguage';
const MAX_LISTED_DOMAINS = 20;

const patchSchema = z.strictObject({
  defaultLanguage: languageSchema.optional(),
  brandDomains: brandDomainsSchema.optional(),
  replyStyle: z.enum(REPLY_STYLES).optional(),
  ssoEnforced: z.boolean().optional(),
});

function settingsSubject(row: TenantRow): TenantSettingsSubject {
  return {
    tenantId: row.id,
    defaultLanguage: row.default_language,
    brandDomains: row.brand_domains,
    ssoEnforced: row.sso_only,
  };
}

function settingsView(ctx: AdminContext, row: TenantRow): SettingsView {
  const subject = settingsSubject(row);
  const view: SettingsView = pickReadableFields(ctx.ability, 'TenantSettings', subject);
  if (ctx.ability.can('read', asSubject('TenantSettings', subject), REPLY_STYLE_STAND_IN)) {
    view.replyStyle = row.reply_style as ReplyStyle;
  }
  return view;
}

/** `authorizeUpdate`, with `replyStyle` checked through its stand-in field. */
function authorizePatch(ability: AppAbility, stored: SubjectObject<'TenantSettings'>, patch: object): void {
  const entries = Object.entries(patch);
  authorizeUpdate(ability, stored, Object.fromEntries(entries.filter(([key]) => key !== 'replyStyle')));
  if (Object.hasOwn(patch, 'replyStyle') && !ability.can('update', stored, REPLY_STYLE_STAND_IN)) {
    throw new ForbiddenFieldsError(ability, 'update', 'TenantSettings', ['replyStyle']);
  }
}

/** What changed, for the audit event (bounded: domain lists are summarised). */
function describeChanges(before: TenantRow, after: TenantRow): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const scalar = (key: string, from: unknown, to: unknown) => {
    if (from !== to) changes[key] = { from, to };
  };
  scalar('defaultLanguage', before.default_language, after.default_language);
  scalar('replyStyle', before.reply_style, after.reply_style);
  scalar('ssoEnforced', before.sso_only, after.sso_only);
  const added = after.brand_domains.filter((d) => !before.brand_domains.includes(d));
  const removed = before.brand_domains.filter((d) => !after.brand_domains.includes(d));
  if (added.length > 0 || removed.length > 0) {
    changes.brandDomains = {
      added: added.slice(0, MAX_LISTED_DOMAINS),
      removed: removed.slice(0, MAX_LISTED_DOMAINS),
      count: after.brand_domains.length,
    };
  }
  return changes;
}

/**
 * A tenant's settings: brand domains, default language, reply style and the SSO-only flag.
 * Owners change everything; admins everything but SSO; platform admins read.
 */
export function createSettingsService({ pool, trail }: { pool: Pool; trail: AuditTrail }) {
  return {
    async get(actor: ActorContext, ability: AppAbility, input: SettingsRef = {}): Promise<SettingsView> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'TenantSettings', input.tenantId);
      const row = await withTenant(pool, tenantId, (tx) => findTenant(tx, tenantId));
      if (!row) throw new NotFoundError('TenantSettings');
      return settingsView(ctx, row);
    },

    /**
     * Changes the keys of `patch`. Every key must be one the actor may set (`ssoEnforced`: owners
     * only; `tenantId` or unknown keys: nobody), or the whole patch is refused with
     * `ForbiddenFieldsError`; values are then validated (`ValidationError`).
     */
    update(actor: ActorContext, ability: AppAbility, input: UpdateSettingsInput): Promise<SettingsView> {
      const ctx: AdminContext = { actor, ability };
      const spec = { action: 'settings.update', targetType: 'settings', targetId: input.tenantId };
      return trail.run(ctx, { ...spec, tenantId: input.tenantId }, async () => {
        const tenantId = resolveTenant(ctx, 'TenantSettings', input.tenantId);
        const { before, after } = await withTenant(pool, tenantId, async (tx) => {
          const row = await findTenant(tx, tenantId, true);
          if (!row) throw new NotFoundError('TenantSettings');
          authorizePatch(ctx.ability, asSubject('TenantSettings', settingsSubject(row)), input.patch);
          const data = parseInput(patchSchema, input.patch, 'settings');
          if (Object.keys(data).length === 0) throw new ValidationError('nothing to update');
          const updated = await updateTenant(tx, tenantId, {
            default_language: data.defaultLanguage,
            brand_domains: data.brandDomains,
            reply_style: data.replyStyle,
            sso_only: data.ssoEnforced,
          });
          return { before: row, after: updated };
        });
        return {
          result: settingsView(ctx, after),
          tenantId,
          targetId: tenantId,
          details: describeChanges(before, after),
        };
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
