import type { TenantTx } from '@elara/db/tenant';

/** The message failed for good: out of the relay's sight until an operator re-drives it. */
export async function markDeadLettered(
  tx: TenantTx,
  tenantId: string,
  inboundMessageId: string,
  error: string,
) {
  await tx.query({
    name: 'dead_letter.mark',
    text: `UPDATE inbound_messages SET status = 'dead_lettered', last_error = left($3, 500)
            WHERE tenant_id = $1 AND id = $2 AND status = 'received'`,
    values: [tenantId, inboundMessageId, error],
  });
}

/** Back to 'received' so the job (and, failing that, the relay) picks it up again. */
export async function reviveDeadLettered(tx: TenantTx, tenantId: string, inboundMessageId: string) {
  const { rows } = await tx.query<{ sender_id: string }>({
    name: 'dead_letter.revive',
    text: `UPDATE inbound_messages SET status = 'received', last_error = NULL
            WHERE tenant_id = $1 AND id = $2 AND status = 'dead_lettered' RETURNING sender_id`,
    values: [tenantId, inboundMessageId],
  });
  return rows[0]?.sender_id ?? null;
}

export interface DeadLetter {
  tenantId: string;
  inboundMessageId: string;
  receivedAt: Date;
  lastError: string | null;
}
