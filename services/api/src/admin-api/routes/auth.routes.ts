import type { SessionService, SessionTokens } from '@elara/identity/sessions';
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

/** Sign-in with a password, token refresh (rotating) and logout. */
export function authRoutes({ sessions }: { sessions: SessionService }): ApiRoute<RequestActor>[] {
  return [
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
          await sessions.loginWithPassword({
            tenantSlug: body.tenant,
            email: body.email,
            password: body.password,
            ip: req.ip ?? '',
          }),
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
          await sessions.loginPlatformAdmin({ email: body.email, password: body.password, ip: req.ip ?? '' }),
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
