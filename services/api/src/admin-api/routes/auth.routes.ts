import type { AuditLog } from '@elara/audit-log/service';
import type { AccessTokens } from '@elara/identity/access-tokens';
import { IdentityError } from '@elara/identity/errors';
import type { SessionService, SessionTokens } from '@elara/identity/sessions';
import type { Request } from 'express';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';

const TokensSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
});

function tokensBody(tokens: SessionTokens): z.infer<typeof TokensSchema> {
  return {
    accessToken: tokens.accessToken,
    tokenType: 'Bearer',
    expiresIn: tokens.expiresIn,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
  };
}

const email = z.string().trim().min(3).max(254);
const password = z.string().min(1).max(1024);
const refresh = z.strictObject({ refreshToken: z.string().min(1).max(512) });

export interface AuthRouteDeps {
  sessions: SessionService;
  accessTokens: AccessTokens;
  audit: Pick<AuditLog, 'record'>;
  /** The tenant a slug names, for recording a failed sign-in in that tenant's log. */
  tenantIdOf: (slug: string) => Promise<string | null>;
}

/**
 * Records a password sign-in in the tenant's audit log: who signed in, or that someone failed
 * to (never the password, and the e-mail only in the tenant that owns the account).
 */
async function auditedLogin(
  deps: AuthRouteDeps,
  req: Request,
  tenantId: () => Promise<string | null>,
  login: () => Promise<SessionTokens>,
): Promise<SessionTokens> {
  const client = { sourceIp: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
  try {
    const tokens = await login();
    const actor =
      tokens.subject.kind === 'tenant_user'
        ? { type: 'user' as const, id: tokens.subject.userId }
        : { type: 'platform_admin' as const, id: tokens.subject.adminId };
    const chain = tokens.subject.kind === 'tenant_user' ? tokens.subject.tenantId : null;
    await deps.audit.record({
      tenantId: chain,
      actor,
      action: 'session.login',
      outcome: 'success',
      ...client,
    });
    return tokens;
  } catch (error) {
    if (error instanceof IdentityError) {
      await deps.audit.record({
        tenantId: await tenantId(),
        actor: { type: 'system', display: 'password sign-in' },
        action: 'session.login',
        outcome: 'denied',
        details: { reason: error.code },
        ...client,
      });
    }
    throw error;
  }
}

/** Sign-in with a password, token refresh (rotating), logout, and the token verification keys. */
export function authRoutes(deps: AuthRouteDeps): ApiRoute<RequestActor>[] {
  const { sessions } = deps;
  return [
    defineRoute<RequestActor>({
      method: 'get',
      path: '/auth/jwks.json',
      summary: 'The public keys that verify access tokens (current and previous)',
      tag: 'auth',
      auth: 'none',
      response: {
        status: 200,
        schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
        description: 'A JWK Set',
      },
      handle: async () => ({ status: 200, body: deps.accessTokens.jwks() }),
    }),
    defineRoute<
      RequestActor,
      undefined,
      undefined,
      z.ZodObject<{ tenant: z.ZodString; email: z.ZodString; password: z.ZodString }>
    >({
      method: 'post',
      path: '/auth/login',
      summary: "Sign in to a tenant's console with a password",
      tag: 'auth',
      auth: 'none',
      body: z.strictObject({ tenant: z.string().min(2).max(63), email, password }),
      response: { status: 200, schema: TokensSchema, description: 'An access token and a refresh token' },
      handle: async ({ body, req }) => ({
        status: 200,
        body: tokensBody(
          await auditedLogin(
            deps,
            req,
            () => deps.tenantIdOf(body.tenant),
            () =>
              sessions.loginWithPassword({
                tenantSlug: body.tenant,
                email: body.email,
                password: body.password,
                ip: req.ip ?? '',
              }),
          ),
        ),
      }),
    }),
    defineRoute<
      RequestActor,
      undefined,
      undefined,
      z.ZodObject<{ email: z.ZodString; password: z.ZodString }>
    >({
      method: 'post',
      path: '/auth/platform/login',
      summary: 'Sign in as an operator of Elara',
      tag: 'auth',
      auth: 'none',
      body: z.strictObject({ email, password }),
      response: { status: 200, schema: TokensSchema, description: 'An access token and a refresh token' },
      handle: async ({ body, req }) => ({
        status: 200,
        body: tokensBody(
          await auditedLogin(
            deps,
            req,
            async () => null,
            () =>
              sessions.loginPlatformAdmin({ email: body.email, password: body.password, ip: req.ip ?? '' }),
          ),
        ),
      }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof refresh>({
      method: 'post',
      path: '/auth/refresh',
      summary: 'Exchange a refresh token for new tokens (each refresh token works once)',
      tag: 'auth',
      auth: 'none',
      body: refresh,
      response: {
        status: 200,
        schema: TokensSchema,
        description: 'New tokens; the old refresh token is spent',
      },
      handle: async ({ body }) => ({
        status: 200,
        body: tokensBody(await sessions.refresh(body.refreshToken)),
      }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof refresh>({
      method: 'post',
      path: '/auth/logout',
      summary: 'End the session the refresh token belongs to',
      tag: 'auth',
      auth: 'none',
      body: refresh,
      response: { status: 204, description: 'Signed out' },
      handle: async ({ body }) => {
        await sessions.logout(body.refreshToken);
        return { status: 204, body: null };
      },
    }),
    defineRoute<RequestActor>({
      method: 'get',
      path: '/me',
      summary: 'Who the credential belongs to',
      tag: 'auth',
      auth: 'authenticated',
      response: {
        status: 200,
        schema: z.object({ actorType: z.string(), actorId: z.string(), tenantId: z.string().nullable() }),
        description: 'The caller',
      },
      handle: async ({ actor: { actor } }) => ({
        status: 200,
        body: {
          actorType: actor.actorType,
          actorId: actor.actorId,
          tenantId: actor.tenantId,
          ...(actor.role ? { role: actor.role } : {}),
          ...(actor.scopes ? { scopes: actor.scopes } : {}),
        },
      }),
    }),
  ];
}
