import type { Pool } from '@elara/db/pool';
import type { TenantTx } from '@elara/db/tenant';
import { chainTenantId, normalizeChainId } from '../audit-event.input.ts';
import { withChainScope } from '../audit-scope.ts';
import { PLATFORM_CHAIN, type AuditChainId } from '../audit-log.types.ts';
import { createChainWalker, type ChainHead, type ChainRow, type ChainWalkResult } from './chain-walker.ts';

export type { ChainProblem, ChainProblemKind } from './chain-walker.ts';
export { AUDIT_HASH_VERSION, computeAuditHash, encodeAuditHashInput, GENESIS_HASH } from './chain-hash.ts';

export interface ChainVerification extends ChainWalkResult {
  chain: AuditChainId;
}

const PAGE = 1000;

/**
 * Verifies one chain: its head, then every row in (seq, id) order, in one REPEATABLE READ snapshot
 * so concurrent appends are simply not part of this check. Runs as the application role in the
 * chain's own context: row-level security shows every row of that chain, which is all the walk
 * needs. Rows moved to another chain break this one (a gap) and fail the other's hash.
 */
export async function verifyAuditChain(pool: Pool, chain: AuditChainId): Promise<ChainVerification> {
  const scope = normalizeChainId(chain);
  const tenantId = chainTenantId(scope);
  const result = await withChainScope(
    pool,
    scope,
    async (tx) => {
      const walker = createChainWalker(tenantId);
      walker.setHead(await readHead(tx, tenantId));
      let after: { seq: string; id: string } | null = null;
      for (;;) {
        const rows = await readRows(tx, tenantId, after);
        for (const row of rows) if (!walker.push(row)) return walker.finish();
        if (rows.length < PAGE) return walker.finish();
        const last = rows.at(-1)!;
        after = { seq: last.seq, id: last.id };
      }
    },
    { snapshot: true },
  );
  return { chain: scope, ...result };
}

/**
 * Every chain that has a head or events ('platform' first when it exists), through the
 * SECURITY DEFINER function `list_audit_chains`, which returns ids only, never content.
 */
export async function listAuditChains(pool: Pool): Promise<AuditChainId[]> {
  const { rows } = await pool.query<{ tenant_id: string | null }>(
    'SELECT tenant_id FROM list_audit_chains()',
  );
  return rows.map((r) => r.tenant_id ?? PLATFORM_CHAIN);
}

const chainCondition = (tenantId: string | null) =>
  tenantId === null ? 'tenant_id IS NULL' : 'tenant_id = $1';

async function readHead(tx: TenantTx, tenantId: string | null): Promise<ChainHead | null> {
  const { rows } = await tx.query<{ last_seq: string; last_hash: string }>(
    `SELECT last_seq::text, last_hash FROM audit_chain_heads WHERE ${chainCondition(tenantId)}`,
    tenantId === null ? [] : [tenantId],
  );
  const head = rows[0];
  return head ? { lastSeq: Number(head.last_seq), lastHash: head.last_hash } : null;
}

/**
 * The hashed fields in the exact text forms of the hash definition (see chain-hash.ts). ORDER BY
 * names e.seq: a bare `seq` would sort by the text alias.
 */
async function readRows(
  tx: TenantTx,
  tenantId: string | null,
  after: { seq: string; id: string } | null,
): Promise<ChainRow[]> {
  const params: unknown[] = tenantId === null ? [] : [tenantId];
  let keyset = '';
  if (after) {
    params.push(after.seq, after.id);
    keyset = `AND (seq, id) > ($${params.length - 1}::bigint, $${params.length}::uuid)`;
  }
  params.push(PAGE);
  const { rows } = await tx.query<ChainRow>(
    `SELECT id, seq::text AS seq,
            ((extract(epoch FROM occurred_at) * 1000000)::bigint)::text AS "occurredAtMicros",
            actor_type AS "actorType", actor_id AS "actorId", actor_display AS "actorDisplay", action,
            target_type AS "targetType", target_id AS "targetId", outcome, host(source_ip) AS "sourceIp",
            user_agent AS "userAgent", details::text AS "detailsText", prev_hash AS "prevHash", hash
       FROM audit_events e
      WHERE ${chainCondition(tenantId)} ${keyset}
      ORDER BY e.seq, e.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}
