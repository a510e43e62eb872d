import type { ActorContext } from '@elara/access-control/actor';
import { NotFoundError } from '@elara/access-control/errors';
import { pickReadableFields } from '@elara/access-control/fields';
import { assertCan, assertCanOrNotFound, authorizeCreate } from '@elara/access-control/guards';
import { parseApiKeyScopes } from '@elara/access-control/scopes';
import { asSubject, type AppAbility } from '@elara/access-control/subjects';
import type { ApiKeyService, ApiKeySummary } from '@elara/identity/api-keys';
import { tenantOf, withAudit, type AuditRecorder } from '../audit-recording.ts';

export interface NewApiKeyRequest {
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
}

function subjectOf(key: ApiKeySummary) {
  return asSubject('ApiKey', {
    tenantId: key.tenantId,
    id: key.id,
    name: key.name,
    prefix: key.keyPrefix,
    scopes: key.scopes,
    createdBy: key.createdBy ?? undefined,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  });
}

function readModel(ability: AppAbility, key: ApiKeySummary) {
  return { ...pickReadableFields(ability, 'ApiKey', subjectOf(key)), status: key.status };
}

/**
 * The tenant's API keys: created with scopes no wider than the creator may grant, shown in full
 * only in the response that creates or rotates them, revocable at once.
 */
export function createApiKeyAdmin({ apiKeys, audit }: { apiKeys: ApiKeyService; audit: AuditRecorder }) {
  async function load(
    actor: ActorContext,
    ability: AppAbility,
    keyId: string,
    action: 'read' | 'rotate' | 'delete',
  ) {
    const key = (await apiKeys.list(tenantOf(actor))).find((k) => k.id === keyId);
    if (!key) throw new NotFoundError('ApiKey');
    assertCanOrNotFound(ability, action, subjectOf(key));
    return key;
  }

  return {
    async list(actor: ActorContext, ability: AppAbility) {
      assertCan(ability, 'read', 'ApiKey');
      return (await apiKeys.list(tenantOf(actor))).map((key) => readModel(ability, key));
    },

    async create(actor: ActorContext, ability: AppAbility, input: NewApiKeyRequest) {
      return withAudit(audit, actor, 'api_key.create', { type: 'api_key', id: null }, async () => {
        const scopes = parseApiKeyScopes(input.scopes);
        authorizeCreate(ability, 'ApiKey', tenantOf(actor), { name: input.name, scopes });
        const created = await apiKeys.create({
          tenantId: tenantOf(actor),
          name: input.name,
          scopes,
          createdBy: actor.actorType === 'user' ? actor.actorId : null,
          expiresAt: input.expiresAt ?? null,
        });
        return { apiKey: created.apiKey, key: readModel(ability, created.key) };
      });
    },

    async rotate(actor: ActorContext, ability: AppAbility, keyId: string) {
      return withAudit(audit, actor, 'api_key.rotate', { type: 'api_key', id: keyId }, async () => {
        await load(actor, ability, keyId, 'rotate');
        const rotated = await apiKeys.rotate({ tenantId: tenantOf(actor), keyId });
        return { apiKey: rotated.apiKey, key: readModel(ability, rotated.key) };
      });
    },

    async revoke(actor: ActorContext, ability: AppAbility, keyId: string) {
      return withAudit(audit, actor, 'api_key.revoke', { type: 'api_key', id: keyId }, async () => {
        await load(actor, ability, keyId, 'delete');
        return readModel(ability, await apiKeys.revoke(tenantOf(actor), keyId));
      });
    },
  };
}

export type ApiKeyAdmin = ReturnType<typeof createApiKeyAdmin>;
