import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickPermittedFields, pickReadableFields } from '@elara/access-control/fields';
import { assertCanOrNotFound, authorizeCreate, authorizeUpdate } from '@elara/access-control/guards';
import { asSubject, type WhatsappSenderSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { TenantOnboarding } from '@elara/tenancy/onboarding';
import { z } from 'zod';
import { knownId, resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { isRecordNotFound, isUniqueViolation } from '../shared/db-errors.ts';
import { decodeTimeKeyCursor, pageSize, toPage, type Page } from '../shared/pagination.ts';
import { e164Schema, parseInput } from '../shared/validation.ts';
import { ConflictError, ValidationError } from '../tenant-admin.errors.ts';
import {
  deleteSender,
  findSender,
  listSenders,
  senderHasMessages,
  updateSenderStatus,
  type SenderRow,
} from './sender.repo.ts';
import type {
  ListSendersQuery,
  NewSenderData,
  SenderCredentials,
  SenderRef,
  SenderStatus,
  SenderView,
  SendersRef,
} from './sender.types.ts';

export type {
  ListSendersQuery,
  NewSenderData,
  SenderCredentials,
  SenderRef,
  SenderStatus,
  SenderView,
  SendersRef,
};

const CURSOR_KIND = 'senders';
const accountSidSchema = z.string().regex(/^AC[0-9a-f]{32}$/, 'AC followed by 32 lowercase hex digits');
const authTokenSchema = z.string().regex(/^[\x21-\x7e]{16,256}$/, '16 to 256 printable characters');
const statusSchema = z.enum(['active', 'disabled']);
const newSenderSchema = z.strictObject({
  phoneNumber: e164Schema,
  accountSid: accountSidSchema,
  authToken: authTokenSchema,
});
const credentialsSchema = z.strictObject({
  authToken: authTokenSchema,
  accountSid: accountSidSchema.optional(),
});
const statusPatchSchema = z.strictObject({ status: statusSchema });

function senderSubject(row: SenderRow): WhatsappSenderSubject {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    phoneNumber: row.phone_number,
    accountSid: row.account_sid,
    status: row.status,
    createdAt: row.created_at,
  };
}

function senderView(ctx: AdminContext, row: SenderRow): SenderView {
  return pickReadableFields(ctx.ability, 'WhatsappSender', senderSubject(row));
}

/**
 * A tenant's WhatsApp numbers and their Twilio credentials. Owners and admins manage them; analysts
 * and platform admins read them. Auth tokens are sealed by `@elara/tenancy/onboarding` (AES-256-GCM,
 * bound to the row) and never read back: no query here selects them.
 */
export function createSenderService({
  pool,
  onboarding,
  trail,
}: {
  pool: Pool;
  onboarding: Pick<TenantOnboarding, 'addSender' | 'replaceSenderCredentials'>;
  trail: AuditTrail;
}) {
  const load = async (ctx: AdminContext, input: SenderRef) => {
    const tenantId = resolveTenant(ctx, 'WhatsappSender', input.tenantId);
    const senderId = knownId(input.senderId, 'WhatsappSender');
    const row = await withTenant(pool, tenantId, (tx) => findSender(tx, tenantId, senderId));
    if (!row) throw new NotFoundError('WhatsappSender');
    return { tenantId, senderId, row };
  };

  const reread = async (ctx: AdminContext, tenantId: string, senderId: string) => {
    const row = await withTenant(pool, tenantId, (tx) => findSender(tx, tenantId, senderId));
    if (!row) throw new NotFoundError('WhatsappSender');
    return senderView(ctx, row);
  };

  const spec = (action: string, input: SendersRef & { senderId?: string }) => ({
    action,
    targetType: 'sender',
    targetId: input.senderId,
    tenantId: input.tenantId,
  });

  return {
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListSendersQuery = {},
    ): Promise<Page<SenderView>> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'WhatsappSender', query.tenantId, 'read');
      const limit = pageSize(query.limit);
      const after = decodeTimeKeyCursor(CURSOR_KIND, query.cursor);
      const status = query.status === undefined ? null : parseInput(statusSchema, query.status, 'status');
      const rows = await withTenant(pool, tenantId, (tx) =>
        listSenders(tx, tenantId, { status, after, limit: limit + 1 }),
      );
      return toPage(
        rows,
        limit,
        CURSOR_KIND,
        (row) => [row.created_key, row.id],
        (row) => senderView(ctx, row),
      );
    },

    async get(actor: ActorContext, ability: AppAbility, input: SenderRef): Promise<SenderView> {
      const ctx: AdminContext = { actor, ability };
      const { row } = await load(ctx, input);
      return senderView(ctx, row);
    },

    /** Adds a number. A number another sender (of any tenant) has is a `ConflictError`. */
    create(
      actor: ActorContext,
      ability: AppAbility,
      input: SendersRef & { data: NewSenderData },
    ): Promise<SenderView> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('sender.create', input), async () => {
        const tenantId = resolveTenant(ctx, 'WhatsappSender', input.tenantId, 'create');
        authorizeCreate(ctx.ability, 'WhatsappSender', tenantId, input.data);
        const data = parseInput(newSenderSchema, input.data, 'sender');
        let id: string;
        try {
          ({ id } = await onboarding.addSender(tenantId, data));
        } catch (error) {
          if (isUniqueViolation(error)) throw new ConflictError('this phone number is already registered');
          throw error;
        }
        return {
          result: await reread(ctx, tenantId, id),
          tenantId,
          targetId: id,
          details: { phoneNumber: data.phoneNumber },
        };
      });
    },

    /** Enables or disables a number (`{ status }`); credentials change through `rotateCredentials`. */
    update(
      actor: ActorContext,
      ability: AppAbility,
      input: SenderRef & { patch: { status?: SenderStatus } },
    ): Promise<SenderView> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('sender.update', input), async () => {
        const tenantId = resolveTenant(ctx, 'WhatsappSender', input.tenantId);
        const senderId = knownId(input.senderId, 'WhatsappSender');
        const { row, from } = await withTenant(pool, tenantId, async (tx) => {
          const stored = await findSender(tx, tenantId, senderId, true);
          if (!stored) throw new NotFoundError('WhatsappSender');
          authorizeUpdate(ctx.ability, asSubject('WhatsappSender', senderSubject(stored)), input.patch);
          if (Object.hasOwn(input.patch, 'authToken') || Object.hasOwn(input.patch, 'accountSid')) {
            throw new ValidationError('credentials change through rotateCredentials', [
              { path: 'patch', message: 'only status can be updated here' },
            ]);
          }
          const { status } = parseInput(statusPatchSchema, input.patch, 'sender');
          const updated = await updateSenderStatus(tx, tenantId, senderId, status);
          return { row: updated ?? stored, from: stored.status };
        });
        return {
          result: senderView(ctx, row),
          tenantId,
          targetId: senderId,
          details: { status: { from, to: row.status } },
        };
      });
    },

    /**
     * New Twilio credentials (a rotated auth token, optionally another account SID), sealed like
     * the first ones by `@elara/tenancy/onboarding`'s `replaceSenderCredentials`.
     */
    rotateCredentials(
      actor: ActorContext,
      ability: AppAbility,
      input: SenderRef & { data: SenderCredentials },
    ): Promise<SenderView> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('sender.rotate', input), async () => {
        const { tenantId, senderId, row } = await load(ctx, input);
        const stored = asSubject('WhatsappSender', senderSubject(row));
        assertCanOrNotFound(ctx.ability, 'rotate', stored);
        pickPermittedFields(ctx.ability, 'update', stored, input.data);
        const data = parseInput(credentialsSchema, input.data, 'credentials');
        const accountSid = data.accountSid ?? row.account_sid;
        try {
          await onboarding.replaceSenderCredentials(tenantId, senderId, {
            accountSid,
            authToken: data.authToken,
          });
        } catch (error) {
          if (isRecordNotFound(error)) throw new NotFoundError('WhatsappSender');
          throw error;
        }
        return {
          result: await reread(ctx, tenantId, senderId),
          tenantId,
          targetId: senderId,
          details: { accountSidChanged: accountSid !== row.account_sid },
        };
      });
    },

    /**
     * Deletes a number no message ever came to. A number with messages is a `ConflictError`
     * (deleting it would delete their history): disable it instead.
     */
    delete(actor: ActorContext, ability: AppAbility, input: SenderRef): Promise<void> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, spec('sender.delete', input), async () => {
        const tenantId = resolveTenant(ctx, 'WhatsappSender', input.tenantId);
        const senderId = knownId(input.senderId, 'WhatsappSender');
        const phoneNumber = await withTenant(pool, tenantId, async (tx) => {
          // The lock waits for in-flight inserts of messages (their key takes KEY SHARE on the
          // sender) and blocks new ones, so the check below cannot miss a message.
          const stored = await findSender(tx, tenantId, senderId, true);
          if (!stored) throw new NotFoundError('WhatsappSender');
          assertCanOrNotFound(ctx.ability, 'delete', asSubject('WhatsappSender', senderSubject(stored)));
          if (await senderHasMessages(tx, tenantId, senderId)) {
            throw new ConflictError('this number has messages: disable it instead of deleting it');
          }
          await deleteSender(tx, tenantId, senderId);
          return stored.phone_number;
        });
        return { result: undefined, tenantId, targetId: senderId, details: { phoneNumber } };
      });
    },
  };
}

export type SenderService = ReturnType<typeof createSenderService>;
