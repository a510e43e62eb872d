import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { createPrismaClient, type PrismaClient } from '@elara/db/prisma';
import { withTenant } from '@elara/db/tenant';
import { createTenantUrlListCache } from '@elara/pipeline/tenant-url-lists';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createTenantUrlRules, InvalidDomainError } from '@elara/tenancy/url-rules';
import { createBuilders } from '@elara/testkit/builders';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let app: Pool;
let prisma: PrismaClient;
let rules: ReturnType<typeof createTenantUrlRules>;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = createPool({ connectionString: db.appUrl, max: 2, applicationName: 'test' });
  prisma = createPrismaClient(db.appUrl);
  rules = createTenantUrlRules({ prisma });
  const builders = createBuilders({ prisma, secretBox: createSecretBox(randomBytes(32).toString('base64')) });
  tenantA = (await builders.newTenant()).id;
  tenantB = (await builders.newTenant()).id;
});
afterAll(async () => {
  await prisma.$disconnect();
  await app.end();
  await db.drop();
});

describe('tenant URL rules', () => {
  it('stores canonical domains, one rule per domain', async () => {
    await rules.set(tenantA, { list: 'allow', domain: 'https://Login.DemoBank.com/app?x=1' });
    await rules.set(tenantA, { list: 'block', domain: 'demobank-verify.top', note: 'reported by customers' });
    await rules.set(tenantA, { list: 'block', domain: 'bücher.example' });
    await rules.set(tenantA, { list: 'allow', domain: 'bücher.example' });
    const listed = await rules.list(tenantA);
    expect(listed.map((r) => [r.list, r.domain])).toEqual([
      ['allow', 'login.demobank.com'],
      ['allow', 'xn--bcher-kva.example'],
      ['block', 'demobank-verify.top'],
    ]);
  });

  it('refuses what is not a domain with a clear error', async () => {
    for (const bad of ['', 'localhost', '10.0.0.1', 'exa mple.com', 'a'.repeat(300) + '.com', 'http://']) {
      await expect(rules.set(tenantA, { list: 'block', domain: bad })).rejects.toThrow(InvalidDomainError);
    }
  });

  it("keeps each tenant's rules to itself, enforced by the database", async () => {
    expect(await rules.list(tenantB)).toEqual([]);
    await withTenant(app, tenantB, async (tx) => {
      const { rows } = await tx.query('SELECT domain FROM tenant_url_rules');
      expect(rows).toEqual([]);
      await expect(
        tx.query(
          `INSERT INTO tenant_url_rules (tenant_id, list, domain) VALUES ($1, 'allow', 'evil.example')`,
          [tenantA],
        ),
      ).rejects.toThrow(/row-level security/);
    });
    expect(await rules.remove(tenantB, 'demobank-verify.top')).toBe(false);
    expect((await rules.list(tenantA)).length).toBe(3);
  });

  it('rejects a malformed domain even when written directly', async () => {
    await withTenant(app, tenantA, async (tx) => {
      await expect(
        tx.query(
          `INSERT INTO tenant_url_rules (tenant_id, list, domain) VALUES ($1, 'block', 'UPPER.example')`,
          [tenantA],
        ),
      ).rejects.toThrow(/check constraint/);
    });
  });

  it('feeds the worker its lists per tenant, cached until the TTL passes', async () => {
    let now = 0;
    const cache = createTenantUrlListCache({ pool: app, ttlMs: 1_000, now: () => now });
    expect(await cache.get(tenantA)).toEqual({
      allow: ['login.demobank.com', 'xn--bcher-kva.example'],
      block: ['demobank-verify.top'],
    });
    expect(await cache.get(tenantB)).toEqual({ allow: [], block: [] });
    await rules.set(tenantB, { list: 'block', domain: 'fresh-scam.example' });
    expect((await cache.get(tenantB)).block).toEqual([]);
    now = 1_001;
    expect((await cache.get(tenantB)).block).toEqual(['fresh-scam.example']);
  });
});
