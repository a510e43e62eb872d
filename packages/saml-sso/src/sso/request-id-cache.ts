import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { Redis } from 'ioredis';

/** The Redis commands the SAML caches use. */
export type SamlRedis = Pick<Redis, 'set' | 'get' | 'getdel'>;

// Our request ids are "_" + 40 hex; anything else (e.g. an attacker's InResponseTo) is never a key.
const REQUEST_ID = /^_[0-9a-f]{40}$/;

export interface RequestIdCacheDeps {
  redis: SamlRedis;
  keyPrefix: string;
  tenantId: string;
  ttlMs: number;
}

/**
 * node-saml's `CacheProvider` for AuthnRequest ids, in Redis so any pod can finish a login another
 * started. Keys are per tenant, so a request id issued for one tenant is unknown to every other.
 * `removeAsync` is GETDEL: only one caller ever gets the value back, which is how the service
 * makes a request id usable once even when two responses race.
 */
export function createRequestIdCache({
  redis,
  keyPrefix,
  tenantId,
  ttlMs,
}: RequestIdCacheDeps): CacheProvider {
  const key = (requestId: string) => `${keyPrefix}:saml:{${tenantId}}:request:${requestId}`;
  return {
    async saveAsync(requestId: string, value: string): Promise<CacheItem | null> {
      if (!REQUEST_ID.test(requestId)) throw new TypeError('unexpected SAML request id format');
      const stored = await redis.set(key(requestId), value, 'PX', ttlMs, 'NX');
      return stored === 'OK' ? { value, createdAt: Date.now() } : null;
    },
    async getAsync(requestId: string): Promise<string | null> {
      return REQUEST_ID.test(requestId) ? redis.get(key(requestId)) : null;
    },
    async removeAsync(requestId: string | null): Promise<string | null> {
      return requestId !== null && REQUEST_ID.test(requestId) ? redis.getdel(key(requestId)) : null;
    },
  };
}

/** Our request-id format (what `generateRequestId` produces). */
export function isRequestIdFormat(value: string): boolean {
  return REQUEST_ID.test(value);
}
