import { randomUUID } from 'node:crypto';
import { createPool, type Pool, type PoolClient } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../audit-log.service.ts';

/*
 * Tampering as the owner role, the strongest role the application's own credentials never reach.
 * Each attack first takes the steps an attacker with those credentials would: switch off forced
 * row-level security and, to insert rows with chosen values, the chaining trigger. Every test
 * asserts that the verifier does NOT report ok, and where it stops.
 */

let db: TestDatabase;
let app: Pool;
let owner: Pool;
let auditLog: AuditLog;

beforeAll(async () => {
  db = await createTestDatabase();
  app = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'audit-tamper-test' });
  owner = createPool({ connectionString: db.ownerUrl, max: 2, applicationName: 'audit-tamper-owner' });
  auditLog = createAuditLog({ pool: app });
});
afterAll(async () => {
  await app.end();
  await owner.end();
  await db.drop();
});

/** A tenant with `n` events recorded normally (as the app), verified intact. */
async function chainOf(n: number): Promise<string> {
  const tenant = randomUUID();
  for (let i = 1; i <= n; i += 1) {
    await auditLog.record({
      tenantId: tenant,
      actor: { type: 'user', id: `user-${i}` },
      action: 'sender.create',
      target: { type: 'sender', id: `sender-${i}` },
      outcome: 'success',
      sourceIp: '198.51.100.1',
      details: { amount: i },
    });
  }
  expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: n });
  return tenant;
}

/** Runs `attack` as the owner in one transaction, with forced RLS and the chaining trigger off. */
async function asOwner(attack: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
    await attack(client);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
    await client.query('ALTER TABLE audit_events FORCE ROW LEVEL SECURITY');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Recomputes a row's hash from its stored content, as an attacker who knows the formula would. A
 * separate statement from the edit: within one UPDATE, SET expressions see the old values.
 */
const REHASH = `hash = audit_event_hash(id, tenant_id, seq, occurred_at, actor_type, actor_id, actor_display, action,
  target_type, target_id, outcome, source_ip, user_agent, details, prev_hash)`;

async function expectTampered(tenant: string, kind: string, seq: number): Promise<void> {
  const result = await auditLog.verify(tenant);
  expect(result.ok).toBe(false);
  expect(result.problem).toMatchObject({ kind, seq });
}

describe('the verifier catches tampering by the owner', () => {
  it('an edited field', async () => {
    const tenant = await chainOf(5);
    await asOwner((c) =>
      c.query(`UPDATE audit_events SET details = '{"amount": 300}' WHERE tenant_id = $1 AND seq = 3`, [
        tenant,
      ]),
    );
    await expectTampered(tenant, 'hash_mismatch', 3);
  });

  it.each([
    ['the outcome', `outcome = 'denied'`],
    ['the actor', `actor_id = 'someone-else'`],
    ['the source address', `source_ip = '198.51.100.2'`],
    ['the time, by one microsecond', `occurred_at = occurred_at + interval '1 microsecond'`],
    ['the id', `id = gen_random_uuid()`],
  ])('an edit of %s', async (_, set) => {
    const tenant = await chainOf(3);
    await asOwner((c) =>
      c.query(`UPDATE audit_events SET ${set} WHERE tenant_id = $1 AND seq = 2`, [tenant]),
    );
    await expectTampered(tenant, 'hash_mismatch', 2);
  });

  it('a deleted middle row', async () => {
    const tenant = await chainOf(5);
    await asOwner((c) => c.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3', [tenant]));
    await expectTampered(tenant, 'seq_gap', 4);
  });

  it('a deleted middle row, with the later rows renumbered and re-linked', async () => {
    const tenant = await chainOf(5);
    await asOwner(async (c) => {
      await c.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3', [tenant]);
      await c.query('UPDATE audit_events SET seq = seq + 1000 WHERE tenant_id = $1 AND seq > 3', [tenant]);
      await c.query('UPDATE audit_events SET seq = seq - 1001 WHERE tenant_id = $1 AND seq > 1000', [tenant]);
    });
    await expectTampered(tenant, 'broken_link', 3);
  });

  it('a deleted last row', async () => {
    const tenant = await chainOf(5);
    await asOwner((c) => c.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 5', [tenant]));
    await expectTampered(tenant, 'tail_missing', 5);
  });

  it('every row deleted, and the whole table truncated', async () => {
    const tenant = await chainOf(2);
    await asOwner((c) => c.query('DELETE FROM audit_events WHERE tenant_id = $1', [tenant]));
    await expectTampered(tenant, 'tail_missing', 2);
    const other = await chainOf(2);
    await asOwner((c) => c.query('TRUNCATE audit_events'));
    await expectTampered(other, 'tail_missing', 2);
  });

  it('the head deleted along with the last row', async () => {
    const tenant = await chainOf(3);
    await asOwner(async (c) => {
      await c.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3', [tenant]);
      await c.query('DELETE FROM audit_chain_heads WHERE tenant_id = $1', [tenant]);
    });
    await expectTampered(tenant, 'missing_head', 2);
  });

  it('a forged row inserted in the middle, correctly hashed, later rows shifted', async () => {
    const tenant = await chainOf(5);
    await asOwner(async (c) => {
      await c.query('UPDATE audit_events SET seq = seq + 1000 WHERE tenant_id = $1 AND seq >= 3', [tenant]);
      await c.query('UPDATE audit_events SET seq = seq - 999 WHERE tenant_id = $1 AND seq > 1000', [tenant]);
      await c.query(
        `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor_type, actor_id, action, outcome, details,
                                   prev_hash, hash)
         SELECT tenant_id, 3, occurred_at, 'user', 'insider', 'api_key.create', 'success', '{}', hash, repeat('0', 64)
           FROM audit_events WHERE tenant_id = $1 AND seq = 2`,
        [tenant],
      );
      await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND seq = 3`, [tenant]);
    });
    await expectTampered(tenant, 'broken_link', 4);
  });

  it('a forged row with a duplicate seq', async () => {
    const tenant = await chainOf(3);
    await asOwner(async (c) => {
      await c.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_chain_seq');
      await c.query(
        `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor_type, actor_id, action, outcome, details,
                                   prev_hash, hash)
         SELECT tenant_id, 2, occurred_at, 'user', 'insider', 'api_key.create', 'success', '{}', prev_hash, repeat('0', 64)
           FROM audit_events WHERE tenant_id = $1 AND seq = 2`,
        [tenant],
      );
      await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND actor_id = 'insider'`, [
        tenant,
      ]);
    });
    const result = await auditLog.verify(tenant);
    expect(result.ok).toBe(false);
    // Whichever of the two rows the walk meets second breaks the chain at seq 2 or 3.
    expect(['duplicate_seq', 'broken_link']).toContain(result.problem?.kind);
  });

  it('a forged row appended after the head without moving it', async () => {
    const tenant = await chainOf(3);
    await asOwner(async (c) => {
      await c.query(
        `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor_type, actor_id, action, outcome, details,
                                   prev_hash, hash)
         SELECT tenant_id, 4, now(), 'user', 'insider', 'api_key.create', 'success', '{}', hash, repeat('0', 64)
           FROM audit_events WHERE tenant_id = $1 AND seq = 3`,
        [tenant],
      );
      await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND seq = 4`, [tenant]);
    });
    await expectTampered(tenant, 'beyond_head', 4);
  });

  it('two rows swapped (reordered)', async () => {
    const tenant = await chainOf(5);
    await asOwner(async (c) => {
      await c.query('UPDATE audit_events SET seq = 1000 WHERE tenant_id = $1 AND seq = 2', [tenant]);
      await c.query('UPDATE audit_events SET seq = 2 WHERE tenant_id = $1 AND seq = 3', [tenant]);
      await c.query('UPDATE audit_events SET seq = 3 WHERE tenant_id = $1 AND seq = 1000', [tenant]);
    });
    await expectTampered(tenant, 'broken_link', 2);
  });

  it("an edited row whose hash was recomputed: the next row's link breaks", async () => {
    const tenant = await chainOf(5);
    await asOwner(async (c) => {
      await c.query(`UPDATE audit_events SET outcome = 'denied' WHERE tenant_id = $1 AND seq = 3`, [tenant]);
      await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND seq = 3`, [tenant]);
    });
    await expectTampered(tenant, 'broken_link', 4);
  });

  it('the rest of the chain rewritten after an edit, but not the head', async () => {
    const tenant = await chainOf(5);
    await asOwner(async (c) => {
      await c.query(`UPDATE audit_events SET outcome = 'denied' WHERE tenant_id = $1 AND seq = 3`, [tenant]);
      await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND seq = 3`, [tenant]);
      for (const seq of [4, 5]) {
        await c.query(
          `UPDATE audit_events e SET prev_hash = p.hash FROM audit_events p
            WHERE e.tenant_id = $1 AND p.tenant_id = $1 AND e.seq = $2 AND p.seq = $2 - 1`,
          [tenant, seq],
        );
        await c.query(`UPDATE audit_events SET ${REHASH} WHERE tenant_id = $1 AND seq = $2`, [tenant, seq]);
      }
    });
    await expectTampered(tenant, 'head_mismatch', 5);
  });

  it("a row moved to another tenant's chain breaks both chains", async () => {
    const a = await chainOf(3);
    const b = await chainOf(2);
    await asOwner((c) =>
      c.query('UPDATE audit_events SET tenant_id = $2, seq = 3 WHERE tenant_id = $1 AND seq = 3', [a, b]),
    );
    await expectTampered(a, 'tail_missing', 3);
    await expectTampered(b, 'beyond_head', 3);
  });

  it('leaves the other chains intact, and the chain list shows every chain', async () => {
    const intact = await chainOf(2);
    const chains = await auditLog.listChains();
    expect(chains).toContain(intact);
    expect(await auditLog.verify(intact)).toMatchObject({ ok: true, events: 2, headSeq: 2 });
  });
});

describe('the limit of a chain without an external anchor', () => {
  it('does not catch an owner who rewrites the tail and the head together', async () => {
    // Documented in the README: only a copy of the head kept outside the database catches this.
    const tenant = await chainOf(3);
    await asOwner(async (c) => {
      await c.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3', [tenant]);
      await c.query(
        `UPDATE audit_chain_heads h SET last_seq = 2, last_hash = e.hash FROM audit_events e
          WHERE h.tenant_id = $1 AND e.tenant_id = $1 AND e.seq = 2`,
        [tenant],
      );
    });
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 2 });
  });
});
