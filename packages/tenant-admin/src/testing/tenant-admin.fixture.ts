import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ActorContext, TenantRole } from '@elara/access-control/actor';
import type { RecordAuditEventInput } from '@elara/audit-log/types';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient } from '@elara/db/prisma';
import { withTenant } from '@elara/db/tenant';
import type { Producer } from '@elara/queue/queues';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createBuilders, randomMessageSid, randomPhone } from '@elara/testkit/builders';
import { createTestDatabase } from '@elara/testkit/database';
import type { AppAbility } from '@elara/access-control/subjects';
import { adminContextFor } from '../shared/admin-context.ts';
import { createTenantAdmin } from '../tenant-admin.ts';

/*
 * Test support for this package's integration tests: a fresh database per test file (with the
 * migrations applied), the real services, an in-memory audit collector and a
 * producer that records what it would have queued. Not exported.
 */

/** Records audit events in memory, as `@elara/audit-log`'s `record` would receive them. */
export function createAuditCollector() {
  const events: RecordAuditEventInput[] = [];
  return {
    events,
    async record(event: RecordAuditEventInput) {
      events.push(structuredClone(event));
      return { id: randomUUID() };
    },
    clear() {
      events.length = 0;
    },
    /** Events of one action, in order. */
    of(action: string) {
      return events.filter((event) => event.action === action);
    },
  };
}
export type AuditCollector = ReturnType<typeof createAuditCollector>;

/** A producer of the `whatsapp-inbound` queue that only records what it would add. */
export function createRecordingProducer() {
  const added: { name: string; payload: unknown; jobId: string | undefined }[] = [];
  const fake = {
    queue: { getJob: async () => undefined },
    add: async (name: string, payload: unknown, jobId?: string) => {
      added.push({ name, payload, jobId });
      return { id: jobId };
    },
  };
  // The re-drive path uses `queue.getJob` and `add` only; Redis itself is @elara/queue's to test.
  return { producer: fake as unknown as Producer<'whatsapp-inbound'>, added };
}

export async function createTenantAdminFixture() {
  const db = await createTestDatabase();
  const pool = createPool({ connectionString: db.appUrl, max: 5, applicationName: 'tenant-admin-test' });
  const prisma = createPrismaClient(db.appUrl);
  const secretBox = createSecretBox(randomBytes(32).toString('base64'));
  const audit = createAuditCollector();
  const { producer, added } = createRecordingProducer();
  const admin = createTenantAdmin({ pool, prisma, secretBox, audit, producer });
  return {
    db,
    pool,
    prisma,
    secretBox,
    audit,
    queued: added,
    admin,
    builders: createBuilders({ prisma, secretBox }),
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await db.drop();
    },
  };
}
export type TenantAdminFixture = Awaited<ReturnType<typeof createTenantAdminFixture>>;

const CLIENT = { ip: '203.0.113.7', userAgent: 'vitest' };

export function userActor(tenantId: string, role: TenantRole): ActorContext {
  return { actorType: 'user', actorId: randomUUID(), tenantId, role, ...CLIENT };
}

export function apiKeyActor(tenantId: string, scopes: string[]): ActorContext {
  return { actorType: 'api_key', actorId: randomUUID(), tenantId, scopes, ...CLIENT };
}

export function platformActor(): ActorContext {
  return { actorType: 'platform_admin', actorId: randomUUID(), tenantId: null, ...CLIENT };
}

/** `[actor, ability]` of a request of `actor`, to spread into a service call. */
export function asActor(actor: ActorContext): [ActorContext, AppAbility] {
  const { ability } = adminContextFor(actor);
  return [actor, ability];
}

/** `[actor, ability]` of a user of `tenantId` with `role`, to spread into a service call. */
export function asUser(tenantId: string, role: TenantRole): [ActorContext, AppAbility] {
  return asActor(userActor(tenantId, role));
}

export function asPlatform(): [ActorContext, AppAbility] {
  return asActor(platformActor());
}

export interface SeedMessageInput {
  tenantId: string;
  senderId: string;
  fromPhone?: string;
  body?: string;
  verdict?: 'scam' | 'suspicious' | 'spam' | 'safe';
  status?: 'received' | 'replied' | 'rate_limited' | 'dead_lettered';
  receivedAt?: Date;
  lastError?: string;
}

/**
 * One inbound message the way the pipeline writes it (`record_inbound_message`, then
 * `record_decision` with a scan and its reply), then moved to `status`.
 */
export async function seedMessage(pool: Pool, input: SeedMessageInput) {
  const fromPhone = input.fromPhone ?? randomPhone();
  const body = input.body ?? 'URGENT your account is locked, verify at http://demobank-login.xyz';
  const { rows } = await pool.query<{ id: string }>(
    'SELECT record_inbound_message($1, $2, $3, $4, $5, $6, 0, $7) AS id',
    [input.tenantId, input.senderId, randomMessageSid(), fromPhone, 'Alice Example', body, '[]'],
  );
  const id = rows[0]!.id;
  let replyId: string | null = null;
  if (input.verdict) {
    const reasons = [{ code: 'url.lookalike_brand', weight: 0.8, detail: 'demobank-login.xyz' }];
    const urls = [{ url: 'http://demobank-login.xyz', host: 'demobank-login.xyz', signals: [], risk: 0.9 }];
    const decision = await pool.query<{ id: string }>(
      `SELECT record_decision($1, $2, $3, $4, 'verdict', $5, $6, 0.9, $7, $8, 0, 'en', 'test') AS id`,
      [
        input.tenantId,
        id,
        input.senderId,
        fromPhone,
        `This looks like a SCAM (${input.verdict})`,
        input.verdict,
        JSON.stringify(reasons),
        JSON.stringify(urls),
      ],
    );
    replyId = decision.rows[0]!.id;
  }
  await withTenant(pool, input.tenantId, (tx) =>
    tx.query(
      `UPDATE inbound_messages SET status = $3, last_error = $4, received_at = coalesce($5, received_at),
              processed_at = CASE WHEN $3 = 'received' THEN NULL ELSE now() END
        WHERE tenant_id = $1 AND id = $2`,
      [input.tenantId, id, input.status ?? 'replied', input.lastError ?? null, input.receivedAt ?? null],
    ),
  );
  return { id, fromPhone, replyId };
}

const TENANT_TABLES = [
  'tenants',
  'whatsapp_senders',
  'whatsapp_users',
  'inbound_messages',
  'scans',
  'outbound_replies',
  'delivery_status_events',
  'tenant_url_rules',
] as const;

/**
 * Every row of a tenant's tables, read in its own context: compare before and after an attack
 * to show nothing changed.
 */
export async function snapshotTenant(pool: Pool, tenantId: string): Promise<string> {
  return withTenant(pool, tenantId, async (tx) => {
    const tables: Record<string, unknown[]> = {};
    for (const table of TENANT_TABLES) {
      const { rows } = await tx.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
      tables[table] = rows;
    }
    return JSON.stringify(tables);
  });
}

/**
 * Runs an attempt that must be refused with `error` and shows that none of `tenantId`'s rows
 * changed. Fails if the attempt succeeds.
 */
export async function expectRefusedUnchanged(
  pool: Pool,
  tenantId: string,
  attempt: () => Promise<unknown>,
  error: abstract new (...args: never[]) => Error,
): Promise<void> {
  const before = await snapshotTenant(pool, tenantId);
  await expect(attempt()).rejects.toThrow(error);
  expect(await snapshotTenant(pool, tenantId)).toBe(before);
}
