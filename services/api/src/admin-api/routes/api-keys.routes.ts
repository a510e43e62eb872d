import type { ApiKeyAdmin } from '@elara/tenant-admin/api-keys';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';

const keyParams = z.object({ keyId: z.uuid() });
const KeySchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  prefix: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  status: z.string(),
});
const CreatedSchema = z.object({ apiKey: z.string().describe('Shown once; store it now'), key: KeySchema });
const newKey = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string()).min(1).max(40),
  expiresAt: z.iso.datetime().optional(),
});

/** The tenant's API keys: the secret appears only in the create and rotate responses. */
export function apiKeyRoutes({ apiKeys }: { apiKeys: ApiKeyAdmin }): ApiRoute<RequestActor>[] {
  return [
    defineRoute<RequestActor>({
      method: 'get',
      path: '/api-keys',
      summary: "List the tenant's API keys (never their secrets)",
      tag: 'api-keys',
      auth: 'authenticated',
      response: { status: 200, schema: z.object({ items: z.array(KeySchema) }), description: 'Keys' },
      handle: async ({ actor }) => ({
        status: 200,
        body: { items: await apiKeys.list(actor.actor, actor.ability) },
      }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof newKey>({
      method: 'post',
      path: '/api-keys',
      summary: 'Create an API key with scopes no wider than your own',
      tag: 'api-keys',
      auth: 'authenticated',
      body: newKey,
      response: { status: 201, schema: CreatedSchema, description: 'The key, shown once' },
      handle: async ({ actor, body }) => ({
        status: 201,
        body: await apiKeys.create(actor.actor, actor.ability, {
          name: body.name,
          scopes: body.scopes,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        }),
      }),
    }),
    defineRoute<RequestActor, typeof keyParams>({
      method: 'post',
      path: '/api-keys/:keyId/rotate',
      summary: 'Replace a key with a new secret',
      tag: 'api-keys',
      auth: 'authenticated',
      params: keyParams,
      response: { status: 201, schema: CreatedSchema, description: 'The new key, shown once' },
      handle: async ({ actor, params }) => ({
        status: 201,
        body: await apiKeys.rotate(actor.actor, actor.ability, params.keyId),
      }),
    }),
    defineRoute<RequestActor, typeof keyParams>({
      method: 'delete',
      path: '/api-keys/:keyId',
      summary: 'Revoke a key at once',
      tag: 'api-keys',
      auth: 'authenticated',
      params: keyParams,
      response: { status: 200, schema: KeySchema, description: 'The revoked key' },
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await apiKeys.revoke(actor.actor, actor.ability, params.keyId),
      }),
    }),
  ];
}
