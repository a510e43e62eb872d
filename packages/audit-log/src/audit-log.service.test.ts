import { randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { inTransaction } from '@elara/db/transaction';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditExportTooLargeError, AuditInputError } from './audit-log.errors.ts';
import { createAuditLog, type AuditLog } from './audit-log.service.ts';
import type { RecordAuditEventInput } from './audit-log.types.ts';

let db: TestDatabase;
let app: Pool;
let auditLog: AuditLog;

beforeAll(async () => {
  db = await createTestDatabase();
  // As the application role, like the admin API will.
  app = createPool({ connectionString: db.appUrl, max: 10, applicationName: 'audit-log-test' });
  auditLog = createAuditLog({ pool: app });
});
afterAll(async () => {
  await app.end();
  await db.drop();
});

function event(tenantId: string | null, change: Partial<RecordAuditEventInput> = {}): RecordAuditEventInput {
  return {
    tenantId,
    actor: { type: 'user', id: 'user-1', display: 'alice@demobank.com' },
    action: 'sender.create',
    target: { type: 'sender', id: 'sender-1' },
    outcome: 'success',
    sourceIp: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    details: { phone: '+14155238886' },
    ...change,
  };
}

async function all(chain: string) {
  const { events } = await auditLog.list(chain, {}, { limit: 500 });
  return events.reverse();
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return records;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('recording and reading', () => {
  it('appends in order, chained from the genesis hash, and reads back what was recorded', async () => {
    const tenant = randomUUID();
    const first = await auditLog.record(event(tenant));
    const second = await auditLog.record(event(tenant, { action: 'sender.disable', outcome: 'denied' }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.occurredAt.getTime()).toBeGreaterThanOrEqual(first.occurredAt.getTime());

    const events = await all(tenant);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      id: first.id,
      tenantId: tenant,
      seq: 1,
      actor: { type: 'user', id: 'user-1', display: 'alice@demobank.com' },
      action: 'sender.create',
      target: { type: 'sender', id: 'sender-1' },
      outcome: 'success',
      sourceIp: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      details: { phone: '+14155238886' },
      prevHash: '0'.repeat(64),
      hash: first.hash,
    });
    expect(events[1]).toMatchObject({ seq: 2, prevHash: first.hash, hash: second.hash, outcome: 'denied' });
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 2, headSeq: 2 });
  });

  it('keeps one unbroken chain under 50 concurrent appends to one tenant', async () => {
    const tenant = randomUUID();
    const recorded = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        auditLog.record(event(tenant, { target: { type: 'sender', id: `s${i}` } })),
      ),
    );
    expect(recorded.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const events = await all(tenant);
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
      expect(events[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.occurredAt.getTime());
    }
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 50, headSeq: 50 });
  });

  it('keeps platform events in their own chain, out of every tenant context', async () => {
    const tenant = randomUUID();
    await auditLog.record(event(tenant));
    const platform = await auditLog.record(
      event(null, { actor: { type: 'platform_admin', id: 'op-1' }, action: 'tenant.create' }),
    );
    expect((await all('platform')).map((e) => e.id)).toContain(platform.id);
    expect((await all(tenant)).map((e) => e.action)).toEqual(['sender.create']);
    // Even a transaction that sets both the tenant and the platform context sees no platform row.
    const seen = await withTenant(app, tenant, async (tx) => {
      await tx.query(`SELECT set_config('app.platform', 'on', true)`);
      const { rows } = await tx.query('SELECT tenant_id FROM audit_events');
      return rows.map((r) => r.tenant_id);
    });
    expect(seen).toEqual([tenant]);
    expect(await auditLog.verify('platform')).toMatchObject({ ok: true, headSeq: platform.seq });
  });

  it('records inside the caller transaction, committing or rolling back with it', async () => {
    const tenant = randomUUID();
    await withTenant(app, tenant, (tx) => auditLog.recordInTransaction(tx, event(tenant)));
    const rolledBack = withTenant(app, tenant, async (tx) => {
      await auditLog.recordInTransaction(tx, event(tenant, { action: 'sender.delete' }));
      throw new Error('the change failed');
    });
    await expect(rolledBack).rejects.toThrow('the change failed');
    expect((await all(tenant)).map((e) => e.action)).toEqual(['sender.create']);
    // The caller's tenant setting survives the append.
    const setting = await withTenant(app, tenant, async (tx) => {
      await auditLog.recordInTransaction(tx, event(tenant));
      const { rows } = await tx.query(`SELECT current_setting('app.tenant_id') AS t`);
      return rows[0].t as string;
    });
    expect(setting).toBe(tenant);
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 2 });
  });

  it('stores and verifies awkward values exactly (the TypeScript hash equals the database hash)', async () => {
    const tenant = randomUUID();
    await auditLog.record(
      event(tenant, {
        actor: { type: 'api_key', id: 'key,"1"\\', display: 'Zoë 🚀 "quoted"\ttab' },
        target: { type: 'api_key', id: 'ü-ß-€' },
        sourceIp: '2001:DB8::0:1',
        userAgent: '',
        details: { b: 1.5, aa: [1, 2e3, { x: null, y: 'line\nbreak' }], a: '\u001f', emoji: '👍', z: true },
      }),
    );
    await auditLog.record(
      event(tenant, { actor: { type: 'system' }, target: null, sourceIp: '::ffff:10.0.0.1' }),
    );
    const [first] = await all(tenant);
    expect(first).toMatchObject({ sourceIp: '2001:db8::1', userAgent: null });
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 2 });
  });

  it('throws instead of losing an event', async () => {
    await expect(auditLog.record(event(randomUUID(), { action: 'nope' }))).rejects.toThrow(AuditInputError);
    const down = createPool({
      connectionString: 'postgres://elara_app@127.0.0.1:1/elara',
      max: 1,
      applicationName: 't',
    });
    await expect(createAuditLog({ pool: down }).record(event(randomUUID()))).rejects.toThrow();
    await down.end();
  });
});

describe('what the application role cannot do', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = randomUUID();
    await auditLog.record(event(tenant));
  });

  it.each([
    ['update', `UPDATE audit_events SET outcome = 'denied'`],
    ['delete', 'DELETE FROM audit_events'],
    ['truncate', 'TRUNCATE audit_events'],
    ['update a head', 'UPDATE audit_chain_heads SET last_seq = 0'],
    ['delete a head', 'DELETE FROM audit_chain_heads'],
    ['truncate the heads', 'TRUNCATE audit_chain_heads'],
    [
      'insert a head',
      `INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash) VALUES (NULL, 9, repeat('0', 64))`,
    ],
  ])('cannot %s, even in its own tenant', async (_, sql) => {
    await expect(withTenant(app, tenant, (tx) => tx.query(sql))).rejects.toThrow(/permission denied/);
  });

  it('stays append-only even after a mistaken grant: RLS has no policy, the trigger refuses', async () => {
    // The superuser only sets up the mistake; every assertion runs as the application role.
    const admin = createPool({ connectionString: db.adminUrl, max: 1, applicationName: 'audit-grant' });
    const grant = (sql: string) => inTransaction(admin, 'BEGIN', (tx) => tx.query(sql));
    try {
      await grant('GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO elara_app');
      const changed = await withTenant(app, tenant, async (tx) => {
        const updated = await tx.query(`UPDATE audit_events SET outcome = 'denied'`);
        const deleted = await tx.query('DELETE FROM audit_events');
        return (updated.rowCount ?? 0) + (deleted.rowCount ?? 0);
      });
      expect(changed).toBe(0);
      // TRUNCATE bypasses row-level security; the statement trigger does not.
      await expect(withTenant(app, tenant, (tx) => tx.query('TRUNCATE audit_events'))).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await grant('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM elara_app');
      await admin.end();
    }
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 1 });
  });

  it("cannot read or insert another tenant's events", async () => {
    const other = randomUUID();
    await auditLog.record(event(other));
    const seen = await withTenant(app, tenant, (tx) =>
      tx.query('SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1', [other]),
    );
    expect(seen.rows[0].n).toBe(0);
    const direct = withTenant(app, tenant, (tx) =>
      tx.query(
        `INSERT INTO audit_events (tenant_id, actor_type, action, outcome) VALUES ($1, 'system', 'x.y', 'success')`,
        [other],
      ),
    );
    await expect(direct).rejects.toThrow(/row-level security/);
    const throughTheFunction = withTenant(app, tenant, (tx) =>
      auditLog.recordInTransaction(tx, event(other)),
    );
    await expect(throughTheFunction).rejects.toThrow(/another tenant/);
    const platformFromTenant = withTenant(app, tenant, (tx) => auditLog.recordInTransaction(tx, event(null)));
    await expect(platformFromTenant).rejects.toThrow(/another tenant/);
    const platformRow = inTransaction(app, 'BEGIN', (tx) =>
      tx.query(
        `INSERT INTO audit_events (tenant_id, actor_type, action, outcome) VALUES (NULL, 'system', 'x.y', 'success')`,
      ),
    );
    await expect(platformRow).rejects.toThrow(/row-level security/);
    expect(await auditLog.verify(other)).toMatchObject({ ok: true, events: 1 });
  });

  it('cannot choose seq, hashes or time: the database assigns them on any insert', async () => {
    const id = await withTenant(app, tenant, async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO audit_events (tenant_id, actor_type, action, outcome, seq, occurred_at, prev_hash, hash)
         VALUES ($1, 'system', 'forged.entry', 'success', 99, '2000-01-01', repeat('a', 64), repeat('b', 64))
         RETURNING seq::int AS seq, occurred_at`,
        [tenant],
      );
      return rows[0] as { seq: number; occurred_at: Date };
    });
    expect(id.seq).toBe(2);
    expect(id.occurred_at.getFullYear()).toBeGreaterThan(2000);
    expect(await auditLog.verify(tenant)).toMatchObject({ ok: true, events: 2 });
  });
});

describe('listing with filters and pages', () => {
  const tenant = randomUUID();
  let middle: Date;

  beforeAll(async () => {
    const specs: Partial<RecordAuditEventInput>[] = [
      { action: 'sender.create' },
      { action: 'sender.disable', outcome: 'denied', actor: { type: 'api_key', id: 'key-1' } },
      { action: 'api_key.create', target: { type: 'api_key', id: 'key-2' } },
      { action: 'sender.create', outcome: 'error' },
      { action: 'user.invite', actor: { type: 'user', id: 'user-2' } },
      { action: 'sender.delete' },
    ];
    for (const [i, spec] of specs.entries()) {
      await auditLog.record(event(tenant, spec));
      if (i === 2) {
        await new Promise((r) => setTimeout(r, 5));
        middle = new Date();
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  });

  const seqs = async (filters: Parameters<AuditLog['list']>[1]) =>
    (await auditLog.list(tenant, filters)).events.map((e) => e.seq);

  it('filters by action, action prefix, actor, outcome, target and time', async () => {
    expect(await seqs({ action: 'sender.create' })).toEqual([4, 1]);
    expect(await seqs({ actionPrefix: 'sender.' })).toEqual([6, 4, 2, 1]);
    expect(await seqs({ actorType: 'api_key' })).toEqual([2]);
    expect(await seqs({ actorId: 'user-2' })).toEqual([5]);
    expect(await seqs({ outcome: 'denied' })).toEqual([2]);
    expect(await seqs({ outcome: 'error', action: 'sender.create' })).toEqual([4]);
    expect(await seqs({ targetType: 'api_key', targetId: 'key-2' })).toEqual([3]);
    expect(await seqs({ from: middle })).toEqual([6, 5, 4]);
    expect(await seqs({ to: middle })).toEqual([3, 2, 1]);
    expect(await seqs({ from: middle, to: middle })).toEqual([]);
  });

  it('pages newest first with a seq cursor', async () => {
    const first = await auditLog.list(tenant, {}, { limit: 4 });
    expect(first.events.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(first.nextBeforeSeq).toBe(3);
    const second = await auditLog.list(tenant, {}, { limit: 4, beforeSeq: first.nextBeforeSeq! });
    expect(second.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(second.nextBeforeSeq).toBeNull();
    const filtered = await auditLog.list(tenant, { actionPrefix: 'sender.' }, { limit: 2 });
    expect(filtered.events.map((e) => e.seq)).toEqual([6, 4]);
    expect(
      (await auditLog.list(tenant, { actionPrefix: 'sender.' }, { beforeSeq: 4 })).events.map((e) => e.seq),
    ).toEqual([2, 1]);
  });

  it('refuses bad pages and chains', async () => {
    await expect(auditLog.list(tenant, {}, { limit: 501 })).rejects.toThrow(AuditInputError);
    await expect(auditLog.list(tenant, {}, { beforeSeq: 0 })).rejects.toThrow(AuditInputError);
    await expect(auditLog.list('not-a-tenant')).rejects.toThrow(AuditInputError);
  });
});

describe('CSV export', () => {
  it('quotes properly, defuses formulas and matches the listed events', async () => {
    const tenant = randomUUID();
    await auditLog.record(
      event(tenant, {
        actor: { type: 'user', id: '=cmd|/c calc!A1', display: '+SUM(1,2), "boss"\nnext line' },
        target: { type: 'sender', id: '@evil' },
        userAgent: '-2+3',
        details: { note: '=1+1' },
      }),
    );
    await auditLog.record(event(tenant, { action: 'sender.delete', outcome: 'denied' }));
    const text = await collect(auditLog.exportCsv(tenant));
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'seq',
      'occurred_at',
      'tenant_id',
      'actor_type',
      'actor_id',
      'actor_display',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'source_ip',
      'user_agent',
      'details',
      'prev_hash',
      'hash',
    ]);
    expect(rows).toHaveLength(2);
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(cell(rows[0]!, 'actor_id')).toBe("'=cmd|/c calc!A1");
    expect(cell(rows[0]!, 'actor_display')).toBe(`'+SUM(1,2), "boss" next line`);
    expect(cell(rows[0]!, 'target_id')).toBe("'@evil");
    expect(cell(rows[0]!, 'user_agent')).toBe("'-2+3");
    expect(JSON.parse(cell(rows[0]!, 'details')!)).toEqual({ note: '=1+1' });
    expect(cell(rows[1]!, 'seq')).toBe('2');
    expect(cell(rows[1]!, 'outcome')).toBe('denied');
    const listed = await all(tenant);
    expect(rows.map((r) => cell(r, 'hash'))).toEqual(listed.map((e) => e.hash));
    expect(cell(rows[0]!, 'occurred_at')).toBe(listed[0]!.occurredAt.toISOString());
  });

  it('streams many pages, applies filters, and refuses an export over the bound', async () => {
    const tenant = randomUUID();
    await Promise.all(
      Array.from({ length: 1203 }, (_, i) =>
        auditLog.record(event(tenant, { outcome: i % 3 === 0 ? 'denied' : 'success' })),
      ),
    );
    const chunks: string[] = [];
    for await (const chunk of auditLog.exportCsv(tenant)) chunks.push(chunk);
    expect(chunks.length).toBe(1 + 3); // the header, then pages of 500
    const rows = parseCsv(chunks.join('')).slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 1203 }, (_, i) => i + 1));
    const denied = parseCsv(await collect(auditLog.exportCsv(tenant, { outcome: 'denied' }))).slice(1);
    expect(denied).toHaveLength(401);
    await expect(collect(auditLog.exportCsv(tenant, {}, { maxRows: 1000 }))).rejects.toThrow(
      AuditExportTooLargeError,
    );
  });
});
