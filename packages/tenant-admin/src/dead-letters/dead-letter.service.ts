import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { assertCanOrNotFound } from '@elara/access-control/guards';
import { asSubject, type DeadLetterSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { DeadLetterService } from '@elara/pipeline/dead-letters';
import { knownId, resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { decodeTimeKeyCursor, pageSize, toPage, type Page, type PageRequest } from '../shared/pagination.ts';
import { findDeadLetter, listDeadLetters, type DeadLetterRow } from './dead-letter.repo.ts';

const CURSOR_KIND = 'dead-letters';
/** Messages re-driven per `redriveAll` call; the answer says whether more remain. */
export const REDRIVE_BATCH = 100;

export interface DeadLettersRef {
  /** Required for platform admins; tenant actors default to (and may only name) their own. */
  tenantId?: string;
}

export interface DeadLetterRef extends DeadLettersRef {
  inboundMessageId: string;
}

export type ListDeadLettersQuery = DeadLettersRef & PageRequest;

export type DeadLetterView = Partial<DeadLetterSubject>;

export interface RedriveAllResult {
  /** Messages set back to `received` and queued again. */
  redriven: number;
  /** True when more dead letters remain: call again. */
  remaining: boolean;
}

function deadLetterSubject(row: DeadLetterRow): DeadLetterSubject {
  return {
    tenantId: row.tenant_id,
    inboundMessageId: row.id,
    receivedAt: row.received_at,
    lastError: row.last_error,
  };
}

/**
 * One tenant's dead-lettered messages (unlike `@elara/pipeline/dead-letters`' operator list across
 * tenants), and re-driving them through the pipeline's own `redrive` (revive in the database,
 * then queue again under the message's id; the reply's unique key still allows one reply).
 * Owners, admins and platform admins re-drive; analysts read.
 */
export function createDeadLetterAdminService({
  pool,
  redriver,
  trail,
}: {
  pool: Pool;
  redriver: Pick<DeadLetterService, 'redrive'>;
  trail: AuditTrail;
}) {
  const view = (ctx: AdminContext, row: DeadLetterRow): DeadLetterView =>
    pickReadableFields(ctx.ability, 'DeadLetter', deadLetterSubject(row));

  return {
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListDeadLettersQuery = {},
    ): Promise<Page<DeadLetterView>> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'DeadLetter', query.tenantId, 'read');
      const limit = pageSize(query.limit);
      const after = decodeTimeKeyCursor(CURSOR_KIND, query.cursor);
      const rows = await withTenant(pool, tenantId, (tx) =>
        listDeadLetters(tx, tenantId, { after, limit: limit + 1 }),
      );
      return toPage(
        rows,
        limit,
        CURSOR_KIND,
        (row) => [row.received_key, row.id],
        (row) => view(ctx, row),
      );
    },

    /** Re-drives one dead-lettered message; a message that is not dead-lettered is not found. */
    redrive(actor: ActorContext, ability: AppAbility, input: DeadLetterRef): Promise<void> {
      const ctx: AdminContext = { actor, ability };
      const spec = {
        action: 'dead_letter.redrive',
        targetType: 'dead_letter',
        targetId: input.inboundMessageId,
        tenantId: input.tenantId,
      };
      return trail.run(ctx, spec, async () => {
        const tenantId = resolveTenant(ctx, 'DeadLetter', input.tenantId);
        const messageId = knownId(input.inboundMessageId, 'DeadLetter');
        const row = await withTenant(pool, tenantId, (tx) => findDeadLetter(tx, tenantId, messageId));
        if (!row) throw new NotFoundError('DeadLetter');
        assertCanOrNotFound(ctx.ability, 'redrive', asSubject('DeadLetter', deadLetterSubject(row)));
        // False when a concurrent re-drive got there first: the message is no longer dead-lettered.
        if (!(await redriver.redrive(tenantId, messageId))) throw new NotFoundError('DeadLetter');
        return { result: undefined, tenantId, targetId: messageId, details: { lastError: row.last_error } };
      });
    },

    /** Re-drives up to 100 of the tenant's dead letters, oldest first. */
    redriveAll(
      actor: ActorContext,
      ability: AppAbility,
      input: DeadLettersRef = {},
    ): Promise<RedriveAllResult> {
      const ctx: AdminContext = { actor, ability };
      const spec = { action: 'dead_letter.redrive_all', targetType: 'dead_letter', tenantId: input.tenantId };
      return trail.run(ctx, spec, async () => {
        const tenantId = resolveTenant(ctx, 'DeadLetter', input.tenantId, 'redrive');
        const rows = await withTenant(pool, tenantId, (tx) =>
          listDeadLetters(tx, tenantId, { after: null, limit: REDRIVE_BATCH + 1 }),
        );
        const redriven: string[] = [];
        for (const row of rows.slice(0, REDRIVE_BATCH)) {
          assertCanOrNotFound(ctx.ability, 'redrive', asSubject('DeadLetter', deadLetterSubject(row)));
          if (await redriver.redrive(tenantId, row.id)) redriven.push(row.id);
        }
        const result = { redriven: redriven.length, remaining: rows.length > REDRIVE_BATCH };
        return { result, tenantId, details: { ...result, inboundMessageIds: redriven } };
      });
    },
  };
}

export type DeadLetterAdminService = ReturnType<typeof createDeadLetterAdminService>;
