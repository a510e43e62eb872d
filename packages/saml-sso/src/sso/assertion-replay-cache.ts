import { createHash } from 'node:crypto';
import type { SamlRedis } from './request-id-cache.ts';

export interface AssertionReplayCacheDeps {
  redis: SamlRedis;
  keyPrefix: string;
}

/**
 * Remembers accepted assertion IDs (per tenant and issuer) until the assertion could no longer be
 * accepted anyway. node-saml has no such cache: without it, a captured assertion could be replayed
 * alongside any fresh request id an IdP answered with the same assertion.
 */
export function createAssertionReplayCache({ redis, keyPrefix }: AssertionReplayCacheDeps) {
  return {
    /** True the first time this assertion is seen; false for every later attempt (SET NX). */
    async claim(input: {
      tenantId: string;
      issuer: string;
      assertionId: string;
      keepUntilMs: number;
    }): Promise<boolean> {
      // Hashed: the ID and issuer come from the IdP, so their length and characters are not ours to trust.
      const digest = createHash('sha256').update(`${input.issuer}\n${input.assertionId}`).digest('hex');
      const ttlMs = Math.max(1_000, Math.ceil(input.keepUntilMs - Date.now()));
      const stored = await redis.set(
        `${keyPrefix}:saml:{${input.tenantId}}:assertion:${digest}`,
        '1',
        'PX',
        ttlMs,
        'NX',
      );
      return stored === 'OK';
    },
  };
}

export type AssertionReplayCache = ReturnType<typeof createAssertionReplayCache>;
