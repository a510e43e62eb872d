import type { ActorContext } from '@elara/access-control/actor';
import { NotFoundError } from '@elara/access-control/errors';
import { assertCan } from '@elara/access-control/guards';
import { asSubject, type AppAbility } from '@elara/access-control/subjects';
import type { AuditLog } from '@elara/audit-log/service';
import { PLATFORM_CHAIN, type AuditFilters, type AuditPageRequest } from '@elara/audit-log/types';

/** Rows an export may hold; narrower filters (a time range) for more. */
const MAX_EXPORT_ROWS = 50_000;

/**
 * Reading the audit log: a tenant's staff and keys see their tenant's chain; Elara's operators
 * name the chain (a tenant id or 'platform'). Reading is itself not audited; exporting is.
 */
export function createAuditViewer({ auditLog }: { auditLog: AuditLog }) {
  /** The chain this actor may read: their tenant's, or (operators only) the one they name. */
  function chainFor(
    actor: ActorContext,
    ability: AppAbility,
    action: 'read' | 'export',
    named?: string,
  ): string {
    const chain = actor.tenantId ?? named;
    if (!chain) throw new NotFoundError('AuditEvent');
    if (actor.tenantId && named && named !== actor.tenantId) throw new NotFoundError('AuditEvent');
    if (chain === PLATFORM_CHAIN) assertCan(ability, action, 'AuditEvent');
    else assertCan(ability, action, asSubject('AuditEvent', { tenantId: chain }));
    return chain;
  }

  return {
    async list(
      actor: ActorContext,
      ability: AppAbility,
      chain: string | undefined,
      filters: AuditFilters,
      page: AuditPageRequest,
    ) {
      return auditLog.list(chainFor(actor, ability, 'read', chain), filters, page);
    },

    async exportCsv(
      actor: ActorContext,
      ability: AppAbility,
      chain: string | undefined,
      filters: AuditFilters,
    ): Promise<string> {
      const scope = chainFor(actor, ability, 'export', chain);
      await auditLog.record({
        tenantId: actor.tenantId,
        actor: { type: actor.actorType, id: actor.actorId },
        action: 'audit.export',
        target: { type: 'audit_chain', id: scope },
        outcome: 'success',
        sourceIp: actor.ip ?? null,
        userAgent: actor.userAgent ?? null,
      });
      let csv = '';
      for await (const chunk of auditLog.exportCsv(scope, filters, { maxRows: MAX_EXPORT_ROWS }))
        csv += chunk;
      return csv;
    },
  };
}

export type AuditViewer = ReturnType<typeof createAuditViewer>;
