import { randomUUID } from 'node:crypto';
import { createAuditLog } from '@elara/audit-log/service';
import { createPool, type Pool } from '@elara/db/pool';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from './audit.command.ts';

let db: TestDatabase;
let app: Pool;
let owner: Pool;
const tenants = { intact: randomUUID(), tampered: randomUUID() };

beforeAll(async () => {
  db = await createTestDatabase();
  app = createPool({ connectionString: db.appUrl, max: 2, applicationName: 'audit-cli-test' });
  owner = createPool({ connectionString: db.ownerUrl, max: 1, applicationName: 'audit-cli-owner' });
  const auditLog = createAuditLog({ pool: app });
  for (const tenantId of [tenants.intact, tenants.tampered, null, tenants.intact, tenants.tampered]) {
    await auditLog.record({
      tenantId,
      actor: tenantId ? { type: 'user', id: 'user-1' } : { type: 'platform_admin', id: 'op-1' },
      action: tenantId ? 'sender.create' : 'tenant.create',
      outcome: 'success',
    });
  }
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(async () => {
  await app.end();
  await owner.end();
  await db.drop();
});

async function run(args: string[]): Promise<{ lines: string[]; exitCode: typeof process.exitCode }> {
  const lines: string[] = [];
  await auditCommand({ DATABASE_URL: db.appUrl }, args, (line) => lines.push(line));
  return { lines, exitCode: process.exitCode };
}

describe('pnpm elara audit verify', () => {
  it('prints one ok line per chain and exits 0 when nothing was touched', async () => {
    const { lines, exitCode } = await run(['verify']);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ok +platform +1 event\(s\), head 1$/);
    expect(lines.filter((l) => l.startsWith('ok '))).toHaveLength(3);
    expect(exitCode).toBeUndefined();
  });

  it('reports the tampered chain and exits 1', async () => {
    const client = await owner.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY');
      await client.query(`UPDATE audit_events SET outcome = 'denied' WHERE tenant_id = $1 AND seq = 1`, [
        tenants.tampered,
      ]);
      await client.query('ALTER TABLE audit_events FORCE ROW LEVEL SECURITY');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const all = await run(['verify']);
    expect(all.exitCode).toBe(1);
    expect(all.lines).toContain(
      `TAMPERED  ${tenants.tampered}  hash_mismatch: seq 1 does not match its hash: the row was edited (head 2)`,
    );
    expect(all.lines).toContain(`ok        ${tenants.intact}  2 event(s), head 2`);
    expect(all.lines.at(-1)).toBe('1 of 3 chain(s) show tampering.');
    process.exitCode = undefined;

    const one = await run(['verify', '--tenant', tenants.intact]);
    expect(one).toEqual({ lines: [`ok        ${tenants.intact}  2 event(s), head 2`], exitCode: undefined });
  });

  it('refuses unknown arguments', async () => {
    await expect(run(['prune'])).rejects.toThrow(/usage: pnpm elara audit verify/);
    await expect(run(['verify', '--tenant'])).rejects.toThrow(/usage/);
    await expect(run(['verify', '--tenant', 'acme'])).rejects.toThrow(/tenant id/);
  });
});
