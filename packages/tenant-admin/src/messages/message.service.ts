import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { asSubject, type MessageSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { z } from 'zod';
import { knownId, resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import { decodeTimeKeyCursor, pageSize, toPage, type Page } from '../shared/pagination.ts';
import { parseInput } from '../shared/validation.ts';
import { findMessage, listMessages, type MessageRow } from './message.repo.ts';
import type {
  ListMessagesQuery,
  MessageRef,
  MessagesRef,
  MessageStatus,
  MessageView,
  Verdict,
} from './message.types.ts';

export type { ListMessagesQuery, MessageRef, MessagesRef, MessageStatus, MessageView, Verdict };

const CURSOR_KIND = 'messages';
/**
 * `replyStatus` is not in `@elara/access-control`'s field catalog yet; until it is, it is shown
 * exactly when the message's own `status` is (both are metadata).
 */
const REPLY_STATUS_STAND_IN = 'status';

const timeSchema = z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]);
const filterSchema = z
  .strictObject({
    verdict: z.enum(['scam', 'suspicious', 'spam', 'safe']).optional(),
    status: z.enum(['received', 'replied', 'rate_limited', 'dead_lettered']).optional(),
    from: timeSchema.optional(),
    to: timeSchema.optional(),
    whatsappUserId: z.uuid().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: 'from must be before to', path: ['to'] });

function messageSubject(row: MessageRow, withContent: boolean): MessageSubject {
  const metadata: MessageSubject = {
    tenantId: row.tenant_id,
    id: row.id,
    senderId: row.sender_id,
    whatsappUserId: row.whatsapp_user_id,
    status: row.status,
    verdict: row.verdict,
    score: row.score,
    reasons: row.reasons,
    language: row.language,
    numMedia: row.num_media,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
  if (!withContent) return metadata;
  return {
    ...metadata,
    body: row.body ?? '',
    media: row.media,
    fromPhone: row.from_phone ?? '',
    profileName: row.profile_name,
    urls: row.urls,
    replyBody: row.reply_body,
  };
}

/**
 * The reasons without their `detail` (the matched phrase or host: words from the message) for
 * actors who may not read content. Each reason keeps its signal code and weight.
 */
function reasonsWithoutDetail(reasons: unknown): unknown {
  if (!Array.isArray(reasons)) return reasons;
  return reasons.map((reason: unknown) => {
    if (reason === null || typeof reason !== 'object') return reason;
    const { code, weight } = reason as { code?: unknown; weight?: unknown };
    return { code, weight };
  });
}

/**
 * A tenant's inbound messages with their scan (verdict, score, reasons) and reply. Owners, admins
 * and analysts see everything; viewers see metadata only; platform admins see nothing.
 */
export function createMessageService({ pool }: { pool: Pool }) {
  /** Whether content is even selected: only for actors who may read it. */
  const mayReadContent = (ctx: AdminContext, tenantId: string) =>
    ctx.ability.can('read', asSubject('Message', { tenantId }), 'body');

  const view = (ctx: AdminContext, row: MessageRow, withContent: boolean): MessageView => {
    const subject = messageSubject(row, withContent);
    const model: MessageView = pickReadableFields(ctx.ability, 'Message', subject);
    if (!withContent && model.reasons !== undefined) model.reasons = reasonsWithoutDetail(model.reasons);
    if (ctx.ability.can('read', asSubject('Message', subject), REPLY_STATUS_STAND_IN)) {
      model.replyStatus = row.reply_status;
    }
    return model;
  };

  return {
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListMessagesQuery = {},
    ): Promise<Page<MessageView>> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'Message', query.tenantId, 'read');
      const limit = pageSize(query.limit);
      const after = decodeTimeKeyCursor(CURSOR_KIND, query.cursor);
      const filter = parseInput(
        filterSchema,
        {
          verdict: query.verdict,
          status: query.status,
          from: query.from,
          to: query.to,
          whatsappUserId: query.whatsappUserId,
        },
        'filter',
      );
      const withContent = mayReadContent(ctx, tenantId);
      const rows = await withTenant(pool, tenantId, (tx) =>
        listMessages(tx, tenantId, {
          verdict: filter.verdict ?? null,
          status: filter.status ?? null,
          from: filter.from ?? null,
          to: filter.to ?? null,
          whatsappUserId: filter.whatsappUserId ?? null,
          after,
          limit: limit + 1,
          withContent,
        }),
      );
      return toPage(
        rows,
        limit,
        CURSOR_KIND,
        (row) => [row.received_key, row.id],
        (row) => view(ctx, row, withContent),
      );
    },

    async get(actor: ActorContext, ability: AppAbility, input: MessageRef): Promise<MessageView> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'Message', input.tenantId);
      const messageId = knownId(input.messageId, 'Message');
      const withContent = mayReadContent(ctx, tenantId);
      const row = await withTenant(pool, tenantId, (tx) => findMessage(tx, tenantId, messageId, withContent));
      if (!row) throw new NotFoundError('Message');
      return view(ctx, row, withContent);
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
