import { createHmac } from 'node:crypto';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import { resolveApiKeyTenant } from '../directory.repo.ts';
import {
  IdentityConflict,
  IdentityNotFound,
  InsufficientScope,
  InvalidApiKey,
  InvalidIdentityInput,
} from '../identity.errors.ts';
import { isUuid } from '../identity.types.ts';
import { digestsEqual, newOpaqueToken, parseOpaqueToken } from '../tokens/opaque-token.ts';
import {
  endApiKey,
  findApiKeyCredential,
  insertApiKey,
  listApiKeys,
  lockApiKey,
  touchApiKey,
} from './api-key.repo.ts';
import type { ApiKeyPrincipal, ApiKeySummary, CreatedApiKey, NewApiKeyInput } from './api-key.types.ts';

export type { ApiKeyPrincipal, ApiKeySummary, CreatedApiKey, NewApiKeyInput };

const SCOPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const MAX_SCOPES = 64;
const MAX_OVERLAP_SECONDS = 86_400;

export interface ApiKeyServiceDeps {
  pool: Pool;
  /** `AUTH_API_KEY_PEPPER`: 32 random bytes, base64. Never stored in the database. */
  pepper: string;
  /** The permission names a key may carry (from `@elara/access-control`); any well-formed name if omitted. */
  allowedScopes?: readonly string[];
  /** `last_used_at` moves at most this often per key; 60 s by default. */
  lastUsedIntervalSeconds?: number;
}

/** `createdBy` naming no user of the key's tenant breaks the composite foreign key: a 400. */
async function knownCreator<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: string }).code === '23503')
      throw new InvalidIdentityInput('createdBy is not a user of this tenant');
    throw error;
  }
}

/**
 * Tenant API keys: `elk_<32 hex key id>_<43 base64url secret>`. The secret (256 bits) is shown
 * once; the database holds HMAC-SHA-256(pepper, tenant, key id, secret), so neither a copy of the
 * table nor its hashes authenticate without the pepper and the secret.
 */
export function createApiKeyService(deps: ApiKeyServiceDeps) {
  const { pool } = deps;
  const pepper = Buffer.from(deps.pepper, 'base64');
  if (pepper.length !== 32) throw new Error('the API key pepper must be 32 bytes, base64-encoded');
  const allowed = deps.allowedScopes ? new Set(deps.allowedScopes) : null;
  const touchInterval = deps.lastUsedIntervalSeconds ?? 60;

  const secretHash = (tenantId: string, keyId: string, secret: string) =>
    createHmac('sha256', pepper).update(`elk.v1:${tenantId}:${keyId}:${secret}`).digest();

  const validScopes = (scopes: readonly string[]): string[] => {
    const unique = [...new Set(scopes)].sort();
    if (unique.length < 1 || unique.length > MAX_SCOPES)
      throw new InvalidIdentityInput(`a key needs 1 to ${MAX_SCOPES} scopes`);
    for (const scope of unique)
      if (!SCOPE.test(scope) || (allowed && !allowed.has(scope)))
        throw new InvalidIdentityInput(`unknown scope: ${scope.slice(0, 64)}`);
    return unique;
  };

  const validName = (name: string): string => {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100)
      throw new InvalidIdentityInput('name must have 1 to 100 characters');
    return trimmed;
  };

  const mint = (tenantId: string) => {
    const { id, secret, token } = newOpaqueToken('elk');
    return { id, apiKey: token, secretHash: secretHash(tenantId, id, secret) };
  };

  return {
    /** A new key for the tenant; the returned `apiKey` is the only copy of the secret. */
    async create(input: NewApiKeyInput): Promise<CreatedApiKey> {
      const name = validName(input.name);
      const scopes = validScopes(input.scopes);
      const expiresAt = input.expiresAt ?? null;
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw new InvalidIdentityInput('expiry must be in the future');
      const { id, apiKey, secretHash: hash } = mint(input.tenantId);
      const key = await knownCreator(
        withTenant(pool, input.tenantId, (tx) =>
          insertApiKey(tx, {
            tenantId: input.tenantId,
            id,
            name,
            secretHash: hash,
            scopes,
            createdBy: input.createdBy ?? null,
            rotatedFrom: null,
            expiresAt,
          }),
        ),
      );
      return { apiKey, key };
    },

    async list(tenantId: string): Promise<ApiKeySummary[]> {
      return withTenant(pool, tenantId, (tx) => listApiKeys(tx, tenantId));
    },

    /**
     * A new secret for an active key: a new key with the same name, scopes and expiry. The old key
     * is revoked at once, or with `overlapSeconds` (at most a day) keeps working that long so
     * clients can switch over.
     */
    async rotate(input: {
      tenantId: string;
      keyId: string;
      createdBy?: string | null;
      overlapSeconds?: number;
    }): Promise<CreatedApiKey> {
      const { tenantId, keyId } = input;
      const overlap = Math.floor(input.overlapSeconds ?? 0);
      if (overlap < 0 || overlap > MAX_OVERLAP_SECONDS)
        throw new InvalidIdentityInput(`overlap must be 0 to ${MAX_OVERLAP_SECONDS} seconds`);
      if (!isUuid(keyId)) throw new IdentityNotFound('API key');
      const { id, apiKey, secretHash: hash } = mint(tenantId);
      const key = await knownCreator(
        withTenant(pool, tenantId, async (tx) => {
          const old = await lockApiKey(tx, tenantId, keyId);
          if (!old) throw new IdentityNotFound('API key');
          if (old.status !== 'active') throw new IdentityConflict('only an active key can be rotated');
          await endApiKey(tx, tenantId, keyId, overlap);
          return insertApiKey(tx, {
            tenantId,
            id,
            name: old.name,
            secretHash: hash,
            scopes: old.scopes,
            createdBy: input.createdBy ?? null,
            rotatedFrom: old.id,
            expiresAt: old.expiresAt,
          });
        }),
      );
      return { apiKey, key };
    },

    /** Revokes a key at once; revoking a revoked key changes nothing. */
    async revoke(tenantId: string, keyId: string): Promise<ApiKeySummary> {
      if (!isUuid(keyId)) throw new IdentityNotFound('API key');
      return withTenant(pool, tenantId, async (tx) => {
        if (!(await lockApiKey(tx, tenantId, keyId))) throw new IdentityNotFound('API key');
        return endApiKey(tx, tenantId, keyId, 0);
      });
    },

    /**
     * The caller behind an API key. `InvalidApiKey` for a malformed, unknown, revoked or expired
     * key, a wrong secret, a suspended tenant, or a key of another tenant than `tenantId` when the
     * route names one; `InsufficientScope` when the key lacks one of `requiredScopes`.
     */
    async authenticate(
      apiKey: string,
      options: { tenantId?: string; requiredScopes?: readonly string[] } = {},
    ): Promise<ApiKeyPrincipal> {
      const presented = parseOpaqueToken('elk', apiKey);
      if (!presented) throw new InvalidApiKey();
      const tenantId = await resolveApiKeyTenant(pool, presented.id);
      if (!tenantId || (options.tenantId !== undefined && options.tenantId !== tenantId))
        throw new InvalidApiKey();
      const principal = await withTenant(pool, tenantId, async (tx) => {
        const credential = await findApiKeyCredential(tx, tenantId, presented.id);
        if (!credential) return null;
        const matches = digestsEqual(
          secretHash(tenantId, presented.id, presented.secret),
          credential.secretHash,
        );
        if (!matches || !credential.usable) return null;
        await touchApiKey(tx, tenantId, presented.id, touchInterval);
        return { tenantId, keyId: presented.id, name: credential.name, scopes: credential.scopes };
      });
      if (!principal) throw new InvalidApiKey();
      const missing = (options.requiredScopes ?? []).filter((s) => !principal.scopes.includes(s));
      if (missing.length > 0) throw new InsufficientScope(missing);
      return principal;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
