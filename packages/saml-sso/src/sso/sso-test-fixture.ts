import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { TenantSamlConfig, TenantSamlConfigInput } from '../config/saml-config.types.ts';
import { parseTenantSamlConfig } from '../config/tenant-config.ts';
import { readAuthnRequest, type AuthnRequestInfo, type TestIdp } from '../testing/test-idp.ts';
import type { SamlLoginResult } from './response-validator.ts';
import { createSamlSso, type SamlSso } from './saml-sso.service.ts';
import { SamlRejected, type SamlRejectionCode } from './saml-rejected.ts';

/*
 * Shared setup for the SSO tests: real Redis under a key prefix unique to the test file, tenants
 * built from test IdPs, and a login helper that goes through startLogin exactly as a browser would.
 */

export const PUBLIC_BASE_URL = 'https://elara.test';

export interface SsoTestContext {
  redis: Redis;
  keyPrefix: string;
  sso: SamlSso;
  close(): Promise<void>;
}

export function createSsoTestContext(
  options: { maxResponseBytes?: number; requestTtlSeconds?: number } = {},
): SsoTestContext {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `test:saml:${randomUUID()}`;
  const sso = createSamlSso({ redis, keyPrefix, publicBaseUrl: PUBLIC_BASE_URL, ...options });
  return {
    redis,
    keyPrefix,
    sso,
    async close() {
      const keys = await redis.keys(`${keyPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

/** A tenant whose IdP is `idp`; every user gets `viewer` unless the overrides say otherwise. */
export function tenantFor(idp: TestIdp, overrides: Partial<TenantSamlConfigInput> = {}): TenantSamlConfig {
  const suffix = randomBytes(4).toString('hex');
  return parseTenantSamlConfig({
    tenantId: `tenant-${suffix}`,
    slug: `acme-${suffix}`,
    idp: idp.settings(),
    roleMapping: { defaultRole: 'viewer' },
    ...overrides,
  });
}

/** Starts a login for the tenant and returns the AuthnRequest as the IdP would read it. */
export async function beginLogin(sso: SamlSso, tenant: TenantSamlConfig): Promise<AuthnRequestInfo> {
  return readAuthnRequest(await sso.startLogin(tenant));
}

/**
 * Asserts the promise is refused with `SamlRejected` and this code. Fails (with the login it got)
 * if the response was accepted.
 */
export async function expectRejected(
  attempt: Promise<SamlLoginResult>,
  code: SamlRejectionCode,
): Promise<void> {
  await expect(attempt).rejects.toThrow(SamlRejected);
  await expect(attempt).rejects.toMatchObject({ code });
}
