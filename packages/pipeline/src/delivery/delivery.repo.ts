import type { Pool } from '@elara/db/pool';
import { toColumns } from '@elara/db/round-trip-batcher';
import type { TenantTx } from '@elara/db/tenant';

/** Opens attempt `attempt` on a reply (retries; attempt 1 opens with the decision). */
export async function openAttempt(
  tx: TenantTx,
  tenantId: string,
  replyId: string,
  attempt: number,
): Promise<void> {
  await tx.query({
    name: 'delivery.open_attempt',
    text: `UPDATE outbound_replies SET attempts = $3, attempt_started_at = now(), attempt_outcome = 'in_flight',
                  updated_at = now()
            WHERE tenant_id = $1 AND id = $2`,
    values: [tenantId, replyId, attempt],
  });
}

export interface AcceptedSend {
  tenantId: string;
  replyId: string;
  providerSid: string;
  providerStatus: string;
  outcome: 'accepted' | 'reconciled';
}

/**
 * The provider has these messages: store each SID (with any status callbacks that beat us here),
 * close the attempts, finish the inbound messages. One round trip for the batch (migration 003).
 */
export async function recordAccepted(pool: Pool, sends: AcceptedSend[]): Promise<void> {
  await pool.query({
    name: 'delivery.accepted_batch',
    text: 'SELECT record_replies_accepted($1, $2, $3, $4, $5)',
    values: toColumns(sends, (s) => [s.tenantId, s.replyId, s.providerSid, s.providerStatus, s.outcome]),
  });
}

export interface FailedSend {
  tenantId: string;
  replyId: string;
  attempt: number;
  outcome: 'rejected' | 'timeout' | 'error';
  httpStatus: number | undefined;
  errorCode: string | undefined;
  error: string;
}

/** Closes a failed attempt into the history. A timeout marks the reply 'unknown' and is counted. */
export async function recordFailedAttempt(tx: TenantTx, f: FailedSend): Promise<void> {
  await tx.query({
    name: 'delivery.failed',
    text: `WITH r AS (
             UPDATE outbound_replies
                SET attempt_outcome = $4, last_error = left($7, 500), updated_at = now(),
                    status = CASE WHEN $4 = 'timeout' AND provider_sid IS NULL THEN 'unknown' ELSE status END,
                    unknown_outcomes = unknown_outcomes + CASE WHEN $4 = 'timeout' THEN 1 ELSE 0 END
              WHERE tenant_id = $1 AND id = $2 RETURNING attempt_started_at
           )
           INSERT INTO delivery_attempts (tenant_id, outbound_reply_id, attempt, started_at, outcome, http_status, error_code)
           SELECT $1, $2, $3, r.attempt_started_at, $4, $5, $6 FROM r`,
    values: [f.tenantId, f.replyId, f.attempt, f.outcome, f.httpStatus ?? null, f.errorCode ?? null, f.error],
  });
}

/** Applies one status callback forward-only; true when the reply's status moved. One round trip. */
export async function applyStatusEvent(
  pool: Pool,
  e: { tenantId: string; providerSid: string; status: string; errorCode: string | undefined },
): Promise<boolean> {
  const { rows } = await pool.query<{ moved: boolean }>({
    name: 'delivery.status_event',
    text: 'SELECT apply_delivery_status($1, $2, $3, $4) AS moved',
    values: [e.tenantId, e.providerSid, e.status, e.errorCode ?? null],
  });
  return rows[0]?.moved === true;
}

/** Which of these provider SIDs already belong to a reply of this tenant. */
export async function claimedProviderSids(tx: TenantTx, sids: string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ provider_sid: string }>({
    name: 'delivery.claimed_sids',
    text: 'SELECT provider_sid FROM outbound_replies WHERE tenant_id = (SELECT app_current_tenant()) AND provider_sid = ANY($1)',
    values: [sids],
  });
  return new Set(rows.map((r) => r.provider_sid));
}
