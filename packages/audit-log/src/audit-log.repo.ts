import type { TenantTx } from '@elara/db/tenant';
import type { NormalizedAuditEvent } from './audit-event.input.ts';
import type {
  ActorType,
  AuditEvent,
  AuditFilters,
  AuditOutcome,
  RecordedAuditEvent,
} from './audit-log.types.ts';

/** Anything that runs one query: a pool (its own transaction) or a client inside a transaction. */
export type Queryable = Pick<TenantTx, 'query'>;

/** Appends one event in one round trip; the database assigns seq, occurred_at and the hashes. */
export async function appendEvent(db: Queryable, e: NormalizedAuditEvent): Promise<RecordedAuditEvent> {
  const { rows } = await db.query<{ id: string; seq: string; occurred_at: Date; hash: string }>(
    `SELECT id, seq::text AS seq, occurred_at, hash
       FROM append_audit_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      e.tenantId,
      e.actorType,
      e.actorId,
      e.actorDisplay,
      e.action,
      e.targetType,
      e.targetId,
      e.outcome,
      e.sourceIp,
      e.userAgent,
      JSON.stringify(e.details),
    ],
  );
  const row = rows[0];
  // The function returns exactly one row or raises; anything else is a broken database.
  if (!row) throw new Error('append_audit_event returned no row');
  return { id: row.id, seq: Number(row.seq), occurredAt: row.occurred_at, hash: row.hash };
}

interface EventRow {
  id: string;
  tenant_id: string | null;
  seq: string;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  actor_display: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  source_ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

// `seq` is read as text (a bigint); ORDER BY names e.seq, since a bare `seq` would sort the text alias.
const COLUMNS = `id, tenant_id, seq::text AS seq, occurred_at, actor_type, actor_id, actor_display, action,
  target_type, target_id, outcome, host(source_ip) AS source_ip, user_agent, details, prev_hash, hash`;

function toEvent(r: EventRow): AuditEvent {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actor: { type: r.actor_type, id: r.actor_id, display: r.actor_display },
    action: r.action,
    target: r.target_type === null ? null : { type: r.target_type, id: r.target_id },
    outcome: r.outcome,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** WHERE conditions for one chain and the (already validated) filters, appending to `params`. */
function conditions(tenantId: string | null, filters: AuditFilters, params: unknown[]): string[] {
  const p = (value: unknown): string => `$${params.push(value)}`;
  const where = [tenantId === null ? 'tenant_id IS NULL' : `tenant_id = ${p(tenantId)}`];
  if (filters.action !== undefined) where.push(`action = ${p(filters.action)}`);
  if (filters.actionPrefix !== undefined) where.push(`starts_with(action, ${p(filters.actionPrefix)})`);
  if (filters.actorType !== undefined) where.push(`actor_type = ${p(filters.actorType)}`);
  if (filters.actorId !== undefined) where.push(`actor_id = ${p(filters.actorId)}`);
  if (filters.outcome !== undefined) where.push(`outcome = ${p(filters.outcome)}`);
  if (filters.targetType !== undefined) where.push(`target_type = ${p(filters.targetType)}`);
  if (filters.targetId !== undefined) where.push(`target_id = ${p(filters.targetId)}`);
  if (filters.from !== undefined) where.push(`occurred_at >= ${p(filters.from)}`);
  if (filters.to !== undefined) where.push(`occurred_at < ${p(filters.to)}`);
  return where;
}

/** Newest first: up to `limit` events with seq < beforeSeq (when given). */
export async function listEventsDescending(
  tx: Queryable,
  tenantId: string | null,
  filters: AuditFilters,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditEvent[]> {
  const params: unknown[] = [];
  const where = conditions(tenantId, filters, params);
  if (beforeSeq !== null) where.push(`seq < $${params.push(beforeSeq)}`);
  const { rows } = await tx.query<EventRow>(
    `SELECT ${COLUMNS} FROM audit_events e WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT $${params.push(limit)}`,
    params,
  );
  return rows.map(toEvent);
}

/** Oldest first: up to `limit` events with afterSeq < seq <= upToSeq. */
export async function listEventsAscending(
  tx: Queryable,
  tenantId: string | null,
  filters: AuditFilters,
  range: { afterSeq: number; upToSeq: number },
  limit: number,
): Promise<AuditEvent[]> {
  const params: unknown[] = [];
  const where = conditions(tenantId, filters, params);
  where.push(`seq > $${params.push(range.afterSeq)}`, `seq <= $${params.push(range.upToSeq)}`);
  const { rows } = await tx.query<EventRow>(
    `SELECT ${COLUMNS} FROM audit_events e WHERE ${where.join(' AND ')} ORDER BY e.seq LIMIT $${params.push(limit)}`,
    params,
  );
  return rows.map(toEvent);
}

/** The chain's last seq now, and how many events up to it match the filters. */
export async function measureExport(
  tx: Queryable,
  tenantId: string | null,
  filters: AuditFilters,
): Promise<{ upToSeq: number; rows: number }> {
  const chainParams: unknown[] = [];
  const chain = conditions(tenantId, {}, chainParams);
  const last = await tx.query<{ seq: string }>(
    `SELECT coalesce(max(seq), 0)::text AS seq FROM audit_events WHERE ${chain.join(' AND ')}`,
    chainParams,
  );
  const upToSeq = Number(last.rows[0]?.seq ?? 0);
  const params: unknown[] = [];
  const where = conditions(tenantId, filters, params);
  where.push(`seq <= $${params.push(upToSeq)}`);
  const count = await tx.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM audit_events WHERE ${where.join(' AND ')}`,
    params,
  );
  return { upToSeq, rows: Number(count.rows[0]?.n ?? 0) };
}
