import type { Pool } from '@elara/db/pool';
import type { SecretBox } from '@elara/secrets/secret-box';

/** A tenant's WhatsApp number, with the credentials to verify and answer its traffic. */
export interface ResolvedSender {
  tenantId: string;
  senderId: string;
  phoneNumber: string;
  accountSid: string;
  authToken: string;
  tenantActive: boolean;
}

export interface SenderDirectory {
  /** The sender that owns `phoneNumber` (E.164), or null. Cached briefly; misses are cached too. */
  resolve(phoneNumber: string): Promise<ResolvedSender | null>;
}

interface Entry {
  value: ResolvedSender | null;
  expiresAt: number;
}

export interface SenderDirectoryOptions {
  pool: Pool;
  secretBox: SecretBox;
  ttlMs?: number;
  missTtlMs?: number;
  maxEntries?: number;
  /** Told whether each lookup was answered from the cache (for the cache-hit metric). */
  onLookup?: (result: 'hit' | 'miss') => void;
}

/** The associated data a sender's auth token is sealed with: it binds the ciphertext to its row. */
export function senderTokenAad(tenantId: string, senderId: string): string {
  return `whatsapp_sender:${tenantId}:${senderId}`;
}

function openToken(secretBox: SecretBox, sealed: string, tenantId: string, senderId: string): string {
  try {
    return secretBox.open(sealed, senderTokenAad(tenantId, senderId));
  } catch {
    // Almost always a different ELARA_SECRETS_KEY from the one that sealed it: say so, once, clearly.
    throw new Error(
      `cannot open the auth token of sender ${senderId}: was it sealed with another ELARA_SECRETS_KEY?`,
    );
  }
}

/**
 * Resolves the tenant for an inbound webhook through the database's one narrow cross-tenant path,
 * `resolve_whatsapp_sender`, which answers for exactly one number.
 */
export function createSenderDirectory(options: SenderDirectoryOptions): SenderDirectory {
  const { pool, secretBox, ttlMs = 30_000, missTtlMs = 5_000, maxEntries = 10_000 } = options;
  const cache = new Map<string, Entry>();
  const inflight = new Map<string, Promise<ResolvedSender | null>>();

  async function load(phoneNumber: string): Promise<ResolvedSender | null> {
    const { rows } = await pool.query<{
      tenant_id: string;
      sender_id: string;
      account_sid: string;
      auth_token_sealed: string;
      tenant_status: string;
    }>('SELECT * FROM resolve_whatsapp_sender($1)', [phoneNumber]);
    const row = rows[0];
    if (!row) return null;
    return {
      tenantId: row.tenant_id,
      senderId: row.sender_id,
      phoneNumber,
      accountSid: row.account_sid,
      authToken: openToken(secretBox, row.auth_token_sealed, row.tenant_id, row.sender_id),
      tenantActive: row.tenant_status === 'active',
    };
  }

  return {
    async resolve(phoneNumber) {
      const hit = cache.get(phoneNumber);
      if (hit && hit.expiresAt > Date.now()) {
        options.onLookup?.('hit');
        return hit.value;
      }
      options.onLookup?.('miss');
      // One database lookup per number at a time, however many webhooks arrive together.
      let pending = inflight.get(phoneNumber);
      if (!pending) {
        pending = load(phoneNumber).finally(() => inflight.delete(phoneNumber));
        inflight.set(phoneNumber, pending);
      }
      const value = await pending;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(phoneNumber, { value, expiresAt: Date.now() + (value ? ttlMs : missTtlMs) });
      return value;
    },
  };
}
