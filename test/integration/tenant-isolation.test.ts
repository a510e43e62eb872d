import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient, type PrismaClient } from '@elara/db/prisma';
import { withTenant } from '@elara/db/tenant';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createBuilders, randomMessageSid, randomPhone } from '@elara/testkit/builders';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let app: Pool;
let owner: Pool;
let prisma: PrismaClient;
const tenants: Record<
  'a' | 'b',
  { id: string; senderId: string; senderPhone: string; messageId: string; replyId: string }
> = {} as never;

/** Every table holding tenant data, from the catalog: so a new table cannot dodge these tests. */
async function tenantTables(): Promise<string[]> {
  const { rows } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
  );
  return ['tenants', ...rows.map((r) => r.table_name)];
}

/**
 * The audit log (migration 007) is the deliberate exception to "the app may update and delete its
 * own rows": events are append-only (INSERT and SELECT only) and the chain heads are read-only for
 * the app (the database moves them on each append). Checked for the opposite below.
 */
const APPEND_ONLY = ['audit_events', 'audit_chain_heads'];
const READ_ONLY_FOR_APP = ['audit_chain_heads'];

async function seedTenant(key: 'a' | 'b'): Promise<void> {
  const builders = createBuilders({ prisma, secretBox: createSecretBox(randomBytes(32).toString('base64')) });
  const tenant = await builders.newTenant();
  const sender = await builders.newSender(tenant.id);
  const ids = await withTenant(app, tenant.id, async (tx) => {
    const user = await tx.query(
      `INSERT INTO whatsapp_users (tenant_id, phone) VALUES ($1, $2) RETURNING id`,
      [tenant.id, randomPhone()],
    );
    const msg = await tx.query(
      `INSERT INTO inbound_messages (tenant_id, sender_id, message_sid, from_phone, body, whatsapp_user_id)
       VALUES ($1, $2, $3, $4, 'hello', $5) RETURNING id`,
      [tenant.id, sender.id, randomMessageSid(), randomPhone(), user.rows[0].id],
    );
    const messageId = msg.rows[0].id as string;
    await tx.query(
      `INSERT INTO scans (tenant_id, inbound_message_id, verdict, score, reasons, urls, language, engine_version)
       VALUES ($1, $2, 'safe', 0.1, '[]', '[]', 'en', 'test')`,
      [tenant.id, messageId],
    );
    const reply = await tx.query(
      `INSERT INTO outbound_replies (tenant_id, inbound_message_id, sender_id, to_phone, kind, body, provider_sid)
       VALUES ($1, $2, $3, '+15550000000', 'verdict', 'ok', $4) RETURNING id`,
      [tenant.id, messageId, sender.id, randomMessageSid()],
    );
    await tx.query(
      `INSERT INTO delivery_attempts (tenant_id, outbound_reply_id, attempt, started_at, outcome) VALUES ($1, $2, 1, now(), 'error')`,
      [tenant.id, reply.rows[0].id],
    );
    await tx.query(
      `INSERT INTO delivery_status_events (tenant_id, provider_sid, status) VALUES ($1, 'SMx', 'sent')`,
      [tenant.id],
    );
    await tx.query(`INSERT INTO tenant_sso_configs (tenant_id, config) VALUES ($1, '{}')`, [tenant.id]);
    await tx.query(`INSERT INTO tenant_url_rules (tenant_id, list, domain) VALUES ($1, 'block', $2)`, [
      tenant.id,
      `scam-${key}.example`,
    ]);
    // Identity (migration 006): a staff member, one of their refresh tokens and an API key.
    const admin = await tx.query(
      `INSERT INTO admin_users (tenant_id, email, display_name, role) VALUES ($1, $2, 'Owner', 'owner') RETURNING id`,
      [tenant.id, `owner-${key}@example.com`],
    );
    await tx.query(
      `INSERT INTO refresh_tokens (id, tenant_id, admin_user_id, family_id, token_hash, expires_at, session_expires_at)
       VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), decode(repeat('00', 32), 'hex'),
               now() + interval '1 day', now() + interval '1 day')`,
      [tenant.id, admin.rows[0].id],
    );
    await tx.query(
      `INSERT INTO api_keys (tenant_id, id, name, secret_hash, scopes, created_by)
       VALUES ($1, gen_random_uuid(), 'key', decode(repeat('00', 32), 'hex'), '{scans:read}', $2)`,
      [tenant.id, admin.rows[0].id],
    );
    // Audit log (migration 007): one event; the database chains it and creates the tenant's head.
    await tx.query(
      `INSERT INTO audit_events (tenant_id, actor_type, actor_id, action, outcome) VALUES ($1, 'user', 'u1', 'sender.create', 'success')`,
      [tenant.id],
    );
    return { messageId, replyId: reply.rows[0].id as string };
  });
  tenants[key] = { id: tenant.id, senderId: sender.id, senderPhone: sender.phoneNumber, ...ids };
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = createPool({ connectionString: db.appUrl, max: 4, applicationName: 'test' });
  owner = createPool({ connectionString: db.ownerUrl, max: 2, applicationName: 'test-owner' });
  prisma = createPrismaClient(db.appUrl);
  await seedTenant('a');
  await seedTenant('b');
});

afterAll(async () => {
  await prisma.$disconnect();
  await app.end();
  await owner.end();
  await db.drop();
});

describe('row-level security, as the application role', () => {
  it('covers every tenant table with RLS enabled and forced, and a policy', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThanOrEqual(8);
    const { rows } = await owner.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: number;
    }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tables],
    );
    expect(rows).toHaveLength(tables.length);
    for (const row of rows) {
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(row.policies, row.relname).toBeGreaterThan(0);
    }
  });

  it('has no other tables in the schema that the app can write, but the global threat feeds', async () => {
    const { rows } = await owner.query<{ table_name: string }>(
      `SELECT DISTINCT table_name FROM information_schema.role_table_grants
        WHERE grantee = 'elara_app' AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE')`,
    );
    // Feeds are public data shared by every tenant (migration 004), refreshed by the workers.
    // Platform admins (migration 006) are Elara's operators, not tenant data; their own policy admits
    // only the platform context, so tenant paths see none of them.
    const global = ['threat_feed_entries', 'threat_feeds', 'platform_admins'];
    const writable = (await tenantTables()).filter((t) => !READ_ONLY_FOR_APP.includes(t));
    expect(rows.map((r) => r.table_name).sort()).toEqual([...writable, ...global].sort());
  });

  it('sees nothing at all when no tenant is set', async () => {
    for (const table of await tenantTables()) {
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0].n, table).toBe(0);
    }
  });

  it('shows tenant A only its own rows in every table', async () => {
    for (const table of await tenantTables()) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const counts = await withTenant(app, tenants.a.id, async (tx) => {
        const { rows } = await tx.query(`SELECT ${column} AS tenant FROM ${table}`);
        return rows.map((r) => r.tenant);
      });
      expect(counts.length, table).toBeGreaterThan(0);
      expect(new Set(counts), table).toEqual(new Set([tenants.a.id]));
    }
  });

  it("cannot update or delete tenant B's rows from tenant A", async () => {
    for (const table of await tenantTables()) {
      if (APPEND_ONLY.includes(table)) continue; // no UPDATE or DELETE at all: the next test
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const changed = await withTenant(app, tenants.a.id, async (tx) => {
        const updated = await tx.query(`UPDATE ${table} SET ${column} = ${column} WHERE ${column} = $1`, [
          tenants.b.id,
        ]);
        const deleted = await tx.query(`DELETE FROM ${table} WHERE ${column} = $1`, [tenants.b.id]);
        return (updated.rowCount ?? 0) + (deleted.rowCount ?? 0);
      });
      expect(changed, table).toBe(0);
    }
    // And B's data is all still there.
    const survivors = await withTenant(app, tenants.b.id, (tx) =>
      tx.query('SELECT id FROM outbound_replies'),
    );
    expect(survivors.rowCount).toBe(1);
  });

  it('cannot update, delete or truncate the audit tables at all, not even its own rows', async () => {
    for (const table of APPEND_ONLY) {
      for (const sql of [
        `UPDATE ${table} SET tenant_id = tenant_id`,
        `DELETE FROM ${table} WHERE tenant_id = $1`,
        `TRUNCATE ${table}`,
      ]) {
        const attempt = withTenant(app, tenants.a.id, (tx) =>
          tx.query(sql, sql.includes('$1') ? [tenants.a.id] : []),
        );
        await expect(attempt, `${table}: ${sql}`).rejects.toThrow(/permission denied/);
      }
    }
    const kept = await withTenant(app, tenants.a.id, (tx) => tx.query('SELECT seq FROM audit_events'));
    expect(kept.rowCount).toBe(1);
  });

  it('cannot insert rows into tenant B, nor move its own rows to B', async () => {
    const insert = withTenant(app, tenants.a.id, (tx) =>
      tx.query(`INSERT INTO whatsapp_users (tenant_id, phone) VALUES ($1, $2)`, [
        tenants.b.id,
        randomPhone(),
      ]),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
    const move = withTenant(app, tenants.a.id, (tx) =>
      tx.query(`UPDATE whatsapp_users SET tenant_id = $1`, [tenants.b.id]),
    );
    await expect(move).rejects.toThrow(/row-level security|foreign key/);
  });

  it("cannot point a row at another tenant's row (composite foreign keys)", async () => {
    const crossLink = withTenant(app, tenants.a.id, (tx) =>
      tx.query(
        `INSERT INTO scans (tenant_id, inbound_message_id, verdict, score, reasons, urls, language, engine_version)
         VALUES ($1, $2, 'safe', 0, '[]', '[]', 'en', 't')`,
        [tenants.a.id, tenants.b.messageId],
      ),
    );
    await expect(crossLink).rejects.toThrow(/foreign key/);
  });

  it('keeps the tenant setting inside its transaction', async () => {
    await withTenant(app, tenants.a.id, (tx) => tx.query('SELECT 1'));
    const { rows } = await app.query(
      `SELECT current_setting('app.tenant_id', true) AS t, count(*)::int AS n FROM scans`,
    );
    expect(rows[0].n).toBe(0);
    expect(rows[0].t ?? '').toBe('');
  });

  it('evaluates the tenant setting once per statement (an InitPlan), not per row', async () => {
    const plan = await withTenant(app, tenants.a.id, (tx) =>
      tx.query('EXPLAIN SELECT * FROM inbound_messages'),
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/InitPlan/);
  });
});

describe('the batched hot-path functions', () => {
  it('scope each item to its own tenant', async () => {
    const { rows } = await app.query<{ ord: number }>('SELECT ord FROM load_message_contexts($1, $2)', [
      [tenants.a.id, tenants.a.id, tenants.b.id],
      [tenants.a.messageId, tenants.b.messageId, tenants.b.messageId],
    ]);
    // Item 2 asks tenant A for B's message: no row.
    expect(rows.map((r) => r.ord)).toEqual([1, 3]);
  });

  it("cannot decide on another tenant's message", async () => {
    const decide = app.query(
      `SELECT * FROM record_decisions($1, $2, $3, '{+15550000000}', '{verdict}', '{x}', '{safe}', '{0}',
                                      '{"[]"}', '{"[]"}', '{0}', '{en}', '{t}')`,
      [[tenants.a.id], [tenants.b.messageId], [tenants.a.senderId]],
    );
    await expect(decide).rejects.toThrow(/foreign key/);
  });
});

describe('the narrow cross-tenant lookup', () => {
  it('resolves exactly one number to its tenant, and nothing else', async () => {
    const { rows } = await app.query('SELECT tenant_id FROM resolve_whatsapp_sender($1)', [
      tenants.a.senderPhone,
    ]);
    expect(rows).toEqual([{ tenant_id: tenants.a.id }]);
    const none = await app.query('SELECT * FROM resolve_whatsapp_sender($1)', ['%']);
    expect(none.rowCount).toBe(0);
  });

  it('does not let the app act as the directory role', async () => {
    await expect(app.query('SET ROLE elara_directory')).rejects.toThrow(/permission denied/);
  });
});

describe('the application role', () => {
  it('is not superuser, cannot bypass RLS or create roles or databases', async () => {
    const { rows } = await owner.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolinherit FROM pg_roles WHERE rolname = 'elara_app'`,
    );
    expect(rows[0]).toMatchObject({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
  });

  it('owns nothing and belongs to no other role', async () => {
    const { rows } = await owner.query(
      `SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
              (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships
         FROM pg_roles r WHERE rolname = 'elara_app'`,
    );
    expect(rows[0]).toEqual({ relations: 0, functions: 0, schemas: 0, memberships: 0 });
  });
});
