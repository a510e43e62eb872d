import { randomBytes, randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient, type PrismaClient } from '@elara/db/prisma';
import { withTenant } from '@elara/db/tenant';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createBuilders, randomMessageSid, randomPhone } from '@elara/testkit/builders';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let pool: Pool;
let prisma: PrismaClient;
let tenantId: string;
let senderId: string;

/** A recorded inbound message with a decided reply, as the worker leaves it before sending. */
async function decidedReply(): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT record_inbound_message($1, $2, $3, $4, NULL, $5, 0, $6) AS id',
    [tenantId, senderId, randomMessageSid(), randomPhone(), 'hello', '[]'],
  );
  const reply = await pool.query<{ id: string }>(
    `SELECT record_decision($1, $2, $3, $4, 'verdict', 'ok', 'safe', 0.1, '[]', '[]', 0, 'en', 'test') AS id`,
    [tenantId, rows[0]!.id, senderId, randomPhone()],
  );
  return reply.rows[0]!.id;
}

/** What the worker records when the provider accepted the send. */
const accept = (replyId: string, sid: string) =>
  pool.query(`SELECT record_reply_accepted($1, $2, $3, 'queued', 'accepted')`, [tenantId, replyId, sid]);

const status = (replyId: string) =>
  withTenant(pool, tenantId, (tx) =>
    tx.query<{ status: string; provider_sid: string }>(
      'SELECT status, provider_sid FROM outbound_replies WHERE id = $1',
      [replyId],
    ),
  ).then((r) => r.rows[0]);

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'test' });
  prisma = createPrismaClient(db.appUrl);
  const builders = createBuilders({ prisma, secretBox: createSecretBox(randomBytes(32).toString('base64')) });
  tenantId = (await builders.newTenant()).id;
  senderId = (await builders.newSender(tenantId)).id;
});
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await db.drop();
});

describe('delivery status, as the SQL functions apply it', () => {
  it('moves forward only', async () => {
    const replyId = await decidedReply();
    const sid = randomMessageSid();
    await accept(replyId, sid);
    const apply = (s: string) =>
      pool.query<{ moved: boolean }>('SELECT apply_delivery_status($1, $2, $3, NULL) AS moved', [
        tenantId,
        sid,
        s,
      ]);
    expect((await apply('delivered')).rows[0]!.moved).toBe(true);
    expect((await apply('sent')).rows[0]!.moved).toBe(false);
    expect(await status(replyId)).toEqual({ status: 'delivered', provider_sid: sid });
  });

  it('keeps a callback that beats the worker and applies it when the SID is recorded', async () => {
    const replyId = await decidedReply();
    const sid = randomMessageSid();
    await pool.query(`SELECT apply_delivery_status($1, $2, 'delivered', NULL)`, [tenantId, sid]);
    await accept(replyId, sid);
    expect(await status(replyId)).toEqual({ status: 'delivered', provider_sid: sid });
  });

  it('does not let another tenant touch the reply', async () => {
    const replyId = await decidedReply();
    const sid = randomMessageSid();
    await accept(replyId, sid);
    await pool.query(`SELECT apply_delivery_status($1, $2, 'failed', '30008')`, [randomUUID(), sid]);
    expect((await status(replyId))!.status).toBe('queued');
  });
});
