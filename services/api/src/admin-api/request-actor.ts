import type { Request } from 'express';
import { defineAbilityFor } from '@elara/access-control/ability';
import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import type { ApiKeyService } from '@elara/identity/api-keys';
import type { AccessTokens } from '@elara/identity/access-tokens';
import { IdentityError } from '@elara/identity/errors';

/** Who is calling, and what they may do: built once per request. */
export interface RequestActor {
  actor: ActorContext;
  ability: AppAbility;
}

const API_KEY_PREFIX = 'elk_';
const MAX_CREDENTIAL_LENGTH = 4096;

function clientOf(req: Request): Pick<ActorContext, 'ip' | 'userAgent'> {
  const userAgent = req.get('user-agent');
  return { ip: req.ip ?? null, ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}) } as Pick<
    ActorContext,
    'ip' | 'userAgent'
  >;
}

async function actorFromCredential(
  credential: string,
  deps: { accessTokens: AccessTokens; apiKeys: ApiKeyService },
): Promise<Omit<ActorContext, 'ip' | 'userAgent'>> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const key = await deps.apiKeys.authenticate(credential);
    return { actorType: 'api_key', actorId: key.keyId, tenantId: key.tenantId, scopes: key.scopes };
  }
  const claims = await deps.accessTokens.verify(credential);
  if (claims.tid === null) return { actorType: 'platform_admin', actorId: claims.sub, tenantId: null };
  return {
    actorType: 'user',
    actorId: claims.sub,
    tenantId: claims.tid,
    role: claims.role as ActorContext['role'],
  };
}

/**
 * `Authorization: Bearer <access token | API key>` to an actor with its CASL ability, or null
 * (the router answers 401) when the header is missing or the credential is invalid, expired or
 * revoked. Why it failed is not told to the caller.
 */
export function createRequestAuthenticator(deps: { accessTokens: AccessTokens; apiKeys: ApiKeyService }) {
  return async (req: Request): Promise<RequestActor | null> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(header);
    if (!match?.[1] || match[1].length > MAX_CREDENTIAL_LENGTH) return null;
    try {
      const actor = { ...(await actorFromCredential(match[1], deps)), ...clientOf(req) } as ActorContext;
      return { actor, ability: defineAbilityFor(actor) };
    } catch (error) {
      if (error instanceof IdentityError) return null;
      throw error;
    }
  };
}
