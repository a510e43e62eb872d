import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { assertCan, assertCanOrNotFound, authorizeUpdate } from '@elara/access-control/guards';
import { asSubject, type WhatsappUserSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { z } from 'zod';
import { knownId, resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { decodeTimeKeyCursor, pageSize, toPage, type Page } from '../shared/pagination.ts';
import { languageSchema, parseInput } from '../shared/validation.ts';
import { ValidationError } from '../tenant-admin.errors.ts';
import {
  eraseWhatsappUser,
  findWhatsappUser,
  listWhatsappUsers,
  updateWhatsappUser,
  type WhatsappUserRow,
} from './whatsapp-user.repo.ts';
import type {
  ListWhatsappUsersQuery,
  WhatsappUserErasure,
  WhatsappUserPatch,
  WhatsappUserRef,
  WhatsappUsersRef,
  WhatsappUserView,
} from './whatsapp-user.types.ts';

export type {
  ListWhatsappUsersQuery,
  WhatsappUserErasure,
  WhatsappUserPatch,
  WhatsappUserRef,
  WhatsappUsersRef,
  WhatsappUserView,
};

const CURSOR_KIND = 'whatsapp-users';
/** Clock skew allowed for an opt-out time sent by a client. */
const FUTURE_SLACK_MS = 5 * 60_000;

const filterSchema = z.strictObject({
  phonePrefix: z
    .string()
    .regex(/^\+?[0-9]{1,15}$/, 'digits, optionally after +')
    .transform((prefix) => (prefix.startsWith('+') ? prefix : `+${prefix}`))
    .optional(),
  language: languageSchema.optional(),
  optedOut: z.boolean().optional(),
});

const patchSchema = z.strictObject({
  language: languageSchema.nullable().optional(),
  optedOutAt: z
    .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])
    .refine((date) => !Number.isNaN(date.getTime()) && date.getTime() <= Date.now() + FUTURE_SLACK_MS, {
      message: 'a valid time, not in the future',
    })
    .nullable()
    .optional(),
});

function userSubject(row: WhatsappUserRow): WhatsappUserSubject {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    phone: row.phone,
    language: row.language,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    optedOutAt: row.opted_out_at,
  };
}

/**
 * The people who message a tenant's numbers. Owners and admins change their language and opt-out
 * and erase them (GDPR); analysts read them; viewers and platform admins never see them.
 */
export function createWhatsappUserService({ pool, trail }: { pool: Pool; trail: AuditTrail }) {
  const view = (ctx: AdminContext, row: WhatsappUserRow): WhatsappUserView =>
    pickReadableFields(ctx.ability, 'WhatsappUser', userSubject(row));

  const spec = (action: string, input: WhatsappUserRef) => ({
    action,
    targetType: 'whatsapp_user',
    targetId: input.userId,
    tenantId: input.tenantId,
  });

  return {
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListWhatsappUsersQuery = {},
    ): Promise<Page<WhatsappUserView>> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'WhatsappUser', query.tenantId, 'read');
      const limit = pageSize(query.limit);
      const after = decodeTimeKeyCursor(CURSOR_KIND, query.cursor);
      const filter = parseInput(
        filterSchema,
        { phonePrefix: query.phonePrefix, language: query.language, optedOut: query.optedOut },
        'filter',
      );
      // Filtering by number reveals numbers: only for actors who may read them.
      if (filter.phonePrefix !== undefined) {
        assertCan(ctx.ability, 'read', asSubject('WhatsappUser', { tenantId }), 'phone');
      }
      const rows = await withTenant(pool, tenantId, (tx) =>
        listWhatsappUsers(tx, tenantId, {
          phonePrefix: filter.phonePrefix ?? null,
          language: filter.language ?? null,
          optedOut: filter.optedOut ?? null,
          after,
          limit: limit + 1,
        }),
      );
      return toPage(
        rows,
        limit,
        CURSOR_KIND,
        (row) => [row.first_seen_key, row.id],
        (row) => view(ctx, row),
      );
    },

    async get(actor: ActorContext, ability: AppAbility, input: WhatsappUserRef): Promise<WhatsappUserView> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'WhatsappUser', input.tenantId);
      const userId = knownId(input.userId, 'WhatsappUser');
      const row = await withTenant(pool, tenantId, (tx) => findWhatsappUser(tx, tenantId, userId));
      if (!row) throw new NotFoundError('WhatsappUser');
      return view(ctx, row);
    },

    /** `language` and `optedOutAt` only. */
    update(
      actor: ActorContext,
      ability: AppAbility,
      input: WhatsappUserRef & { patch: WhatsappUserPatch },
    ): Promise<WhatsappUserView> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('whatsapp_user.update', input), async () => {
        const tenantId = resolveTenant(ctx, 'WhatsappUser', input.tenantId);
        const userId = knownId(input.userId, 'WhatsappUser');
        const { before, after } = await withTenant(pool, tenantId, async (tx) => {
          const stored = await findWhatsappUser(tx, tenantId, userId, true);
          if (!stored) throw new NotFoundError('WhatsappUser');
          authorizeUpdate(ctx.ability, asSubject('WhatsappUser', userSubject(stored)), input.patch);
          const data = parseInput(patchSchema, input.patch, 'WhatsApp user');
          if (data.language === undefined && data.optedOutAt === undefined) {
            throw new ValidationError('nothing to update');
          }
          return { before: stored, after: await updateWhatsappUser(tx, tenantId, userId, data) };
        });
        return {
          result: view(ctx, after),
          tenantId,
          targetId: userId,
          details: {
            language: { from: before.language, to: after.language },
            optedOut: { from: before.opted_out_at !== null, to: after.opted_out_at !== null },
          },
        };
      });
    },

    /**
     * Erases the user (GDPR): their messages with their scans, replies and delivery records, then
     * the user. The audit event records how many messages went, never the number.
     */
    delete(actor: ActorContext, ability: AppAbility, input: WhatsappUserRef): Promise<WhatsappUserErasure> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('whatsapp_user.delete', input), async () => {
        const tenantId = resolveTenant(ctx, 'WhatsappUser', input.tenantId);
        const userId = knownId(input.userId, 'WhatsappUser');
        const messagesDeleted = await withTenant(pool, tenantId, async (tx) => {
          const stored = await findWhatsappUser(tx, tenantId, userId, true);
          if (!stored) throw new NotFoundError('WhatsappUser');
          assertCanOrNotFound(ctx.ability, 'delete', asSubject('WhatsappUser', userSubject(stored)));
          return eraseWhatsappUser(tx, tenantId, userId);
        });
        return { result: { messagesDeleted }, tenantId, targetId: userId, details: { messagesDeleted } };
      });
    },
  };
}

export type WhatsappUserService = ReturnType<typeof createWhatsappUserService>;
