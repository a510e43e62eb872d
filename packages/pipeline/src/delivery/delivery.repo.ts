import type { TenantTx } from '@elara/db/tenant';

/*
 * Status callbacks and the worker's own record of a send can race. Both sides take this lock,
 * keyed on the provider SID, before touching the reply, so neither misses the other's write.
 */
async function lockProviderSid(tx: TenantTx, providerSid: string): Promise<void> {
  await tx.query({
    name: 'delivery.lock_sid',
    text: 'SELECT pg_advisory_xact_lock(hashtext($1))',
    values: [providerSid],
  });
}

/** Opens attempt `attempt` for a reply (retries; attempt 1 opens with the decision). */
export async function openAttempt(
  tx: TenantTx,
  tenantId: string,
  replyId: string,
  attempt: number,
): Promise<Date> {
  const { rows } = await tx.query<{ started_at: Date }>({
    name: 'delivery.open_attempt',
    text: `WITH r AS (UPDATE outbound_replies SET attempts = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2)
           INSERT INTO delivery_attempts (tenant_id, outbound_reply_id, attempt) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, outbound_reply_id, attempt) DO UPDATE SET started_at = now()
           RETURNING started_at`,
    values: [tenantId, replyId, attempt],
  });
  return rows[0]!.started_at;
}

export interface AcceptedSend {
  tenantId: string;
  replyId: string;
  attempt: number;
  providerSid: string;
  providerStatus: string;
  outcome: 'accepted' | 'reconciled';
}

/**
 * The provider has the message: store its SID (with any status callbacks that beat us here),
 * close the attempt, and finish the inbound message.
 */
export async function recordAccepted(tx: TenantTx, s: AcceptedSend): Promise<void> {
  await lockProviderSid(tx, s.providerSid);
  await tx.query({
    name: 'delivery.accepted',
    text: `WITH best AS (
             SELECT status FROM (
               SELECT $4::text AS status
               UNION ALL SELECT status FROM delivery_status_events WHERE tenant_id = $1 AND provider_sid = $3
             ) candidates ORDER BY delivery_status_rank(status) DESC LIMIT 1
           ), r AS (
             UPDATE outbound_replies SET provider_sid = $3, status = (SELECT status FROM best),
                    sent_at = coalesce(sent_at, now()), updated_at = now(), last_error = NULL
              WHERE tenant_id = $1 AND id = $2 RETURNING inbound_message_id, kind
           ), a AS (
             UPDATE delivery_attempts SET outcome = $6, finished_at = now()
              WHERE tenant_id = $1 AND outbound_reply_id = $2 AND attempt = $5
           )
           UPDATE inbound_messages m
              SET status = CASE r.kind WHEN 'verdict' THEN 'replied' ELSE 'rate_limited' END,
                  processed_at = now(), last_error = NULL
             FROM r WHERE m.tenant_id = $1 AND m.id = r.inbound_message_id`,
    values: [s.tenantId, s.replyId, s.providerSid, s.providerStatus, s.attempt, s.outcome],
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

/** Closes a failed attempt. A timeout marks the reply 'unknown' and is counted. */
export async function recordFailedAttempt(tx: TenantTx, f: FailedSend): Promise<void> {
  await tx.query({
    name: 'delivery.failed',
    text: `WITH a AS (
             UPDATE delivery_attempts SET outcome = $4, finished_at = now(), http_status = $5, error_code = $6
              WHERE tenant_id = $1 AND outbound_reply_id = $2 AND attempt = $3
           )
           UPDATE outbound_replies
              SET last_error = left($7, 500), updated_at = now(),
                  status = CASE WHEN $4 = 'timeout' AND provider_sid IS NULL THEN 'unknown' ELSE status END,
                  unknown_outcomes = unknown_outcomes + CASE WHEN $4 = 'timeout' THEN 1 ELSE 0 END
            WHERE tenant_id = $1 AND id = $2`,
    values: [f.tenantId, f.replyId, f.attempt, f.outcome, f.httpStatus ?? null, f.errorCode ?? null, f.error],
  });
}

/** Applies one status callback forward-only; false when no reply has this SID yet. */
export async function applyStatusEvent(
  tx: TenantTx,
  e: { tenantId: string; providerSid: string; status: string; errorCode: string | undefined },
): Promise<boolean> {
  await lockProviderSid(tx, e.providerSid);
  const { rowCount } = await tx.query({
    name: 'delivery.status_event',
    text: `WITH ev AS (
             INSERT INTO delivery_status_events (tenant_id, provider_sid, status, error_code) VALUES ($1, $2, $3, $4)
           )
           UPDATE outbound_replies SET status = $3, updated_at = now(),
                  last_error = CASE WHEN $4::text IS NULL THEN last_error ELSE 'provider error ' || $4 END
            WHERE tenant_id = $1 AND provider_sid = $2 AND delivery_status_rank($3) > delivery_status_rank(status)`,
    values: [e.tenantId, e.providerSid, e.status, e.errorCode ?? null],
  });
  return (rowCount ?? 0) > 0;
}
