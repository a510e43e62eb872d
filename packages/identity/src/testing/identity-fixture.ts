import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { Redis } from 'ioredis';
import { createLoginThrottle, type LoginThrottleOptions } from '../passwords/login-throttle.ts';
import { createAccessTokens, type AccessTokenOptions } from '../tokens/access-tokens.ts';
import { createSigningKeys } from '../tokens/signing-keys.ts';

/*
 * Integration-test set-up for this package: a migrated database of its own (as the application
 * role, so row-level security applies), the local Redis under a random key prefix, and tenants
 * created the way onboarding does (inside their own tenant context).
 */
export interface IdentityFixture {
  db: TestDatabase;
  /** As elara_app. */
  pool: Pool;
  /** As the owner: only for arranging state a test needs (it is still held to RLS). */
  owner: Pool;
  redis: Redis;
  keyPrefix: string;
  newTenant(options?: {
    status?: 'active' | 'suspended';
    ssoOnly?: boolean;
  }): Promise<{ id: string; slug: string }>;
  throttle(options?: Partial<LoginThrottleOptions>): ReturnType<typeof createLoginThrottle>;
  close(): Promise<void>;
}

export async function createIdentityFixture(): Promise<IdentityFixture> {
  const db = await createTestDatabase();
  const pool = createPool({ connectionString: db.appUrl, max: 8, applicationName: 'identity-test' });
  const owner = createPool({ connectionString: db.ownerUrl, max: 2, applicationName: 'identity-test-owner' });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `test:identity:${randomUUID()}`;
  return {
    db,
    pool,
    owner,
    redis,
    keyPrefix,
    async newTenant({ status = 'active', ssoOnly = false } = {}) {
      const id = randomUUID();
      const slug = `t-${randomBytes(5).toString('hex')}`;
      await withTenant(pool, id, (tx) =>
        tx.query(`INSERT INTO tenants (id, slug, name, status, sso_only) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          slug,
          `Tenant ${slug}`,
          status,
          ssoOnly,
        ]),
      );
      return { id, slug };
    },
    throttle(options = {}) {
      return createLoginThrottle(redis, {
        keyPrefix,
        maxPerAccount: 5,
        maxPerIp: 50,
        windowSeconds: 900,
        ...options,
      });
    },
    async close() {
      const keys = await redis.keys(`${keyPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await pool.end();
      await owner.end();
      await db.drop();
    },
  };
}

/** Access tokens with a fresh Ed25519 key. */
export function testAccessTokens(overrides: Partial<AccessTokenOptions> = {}) {
  const { privateKey } = generateKeyPairSync('ed25519');
  return createAccessTokens({
    keys: createSigningKeys({ privateKey }),
    issuer: 'https://elara.test',
    audience: 'elara-admin-api',
    ...overrides,
  });
}

export const testPepper = (): string => randomBytes(32).toString('base64');
