import { randomBytes } from 'node:crypto';
import type { Pool } from '@elara/db/pool';
import { createSecretBox } from '@elara/secrets/secret-box';
import { describe, expect, it } from 'vitest';
import { createSenderDirectory, senderTokenAad } from './sender-directory.ts';

const secretBox = createSecretBox(randomBytes(32).toString('base64'));
const tenantId = '11111111-1111-4111-8111-111111111111';
const senderId = '22222222-2222-4222-8222-222222222222';

/** A pool that answers the lookup function from a table, counting queries (the cache is what is tested). */
function lookupPool(known: Record<string, string>) {
  const calls: string[] = [];
  const pool = {
    async query(_text: string, [phone]: [string]) {
      calls.push(phone);
      await new Promise((r) => setTimeout(r, 5));
      const token = known[phone];
      const rows = token
        ? [
            {
              tenant_id: tenantId,
              sender_id: senderId,
              account_sid: `AC${'0'.repeat(32)}`,
              auth_token_sealed: secretBox.seal(token, senderTokenAad(tenantId, senderId)),
              tenant_status: 'active',
            },
          ]
        : [];
      return { rows };
    },
  };
  return { pool: pool as unknown as Pool, calls };
}

describe('sender directory', () => {
  it('opens the sealed token and caches the answer', async () => {
    const { pool, calls } = lookupPool({ '+14155238886': 'secret-token' });
    const directory = createSenderDirectory({ pool, secretBox });
    const first = await directory.resolve('+14155238886');
    await directory.resolve('+14155238886');
    expect(first).toMatchObject({ tenantId, senderId, authToken: 'secret-token', tenantActive: true });
    expect(calls).toHaveLength(1);
  });

  it('asks the database once for a burst of webhooks to the same number', async () => {
    const { pool, calls } = lookupPool({ '+14155238886': 'secret-token' });
    const directory = createSenderDirectory({ pool, secretBox });
    await Promise.all(Array.from({ length: 20 }, () => directory.resolve('+14155238886')));
    expect(calls).toHaveLength(1);
  });

  it('caches a miss briefly, then asks again', async () => {
    const { pool, calls } = lookupPool({});
    const directory = createSenderDirectory({ pool, secretBox, missTtlMs: 20 });
    expect(await directory.resolve('+15550000000')).toBeNull();
    expect(await directory.resolve('+15550000000')).toBeNull();
    expect(calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 30));
    await directory.resolve('+15550000000');
    expect(calls).toHaveLength(2);
  });
});
