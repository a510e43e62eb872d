import type { TenantAdmin } from '@elara/tenant-admin/service';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';
import { defined, language, page, pageOf, TenantViewSchema } from './resource-schemas.ts';

const tier = z.enum(['free', 'standard', 'enterprise']);
const tenantParams = z.object({ tenantId: z.uuid() });
const newTenant = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  name: z.string().trim().min(1).max(200),
  tier: tier.optional(),
  defaultLanguage: language.optional(),
  brandDomains: z.array(z.string().max(253)).max(50).optional(),
});
const tenantChanges = z.strictObject({ name: z.string().trim().min(1).max(200), tier }).partial();
const listQuery = z.strictObject({ status: z.enum(['active', 'suspended']).optional(), ...page });

/** Tenants, for Elara's operators (platform admins). */
export function tenantRoutes({ admin }: { admin: TenantAdmin }): ApiRoute<RequestActor>[] {
  const { tenants } = admin;
  return [
    defineRoute<RequestActor, undefined, typeof listQuery>({
      method: 'get',
      path: '/tenants',
      summary: 'List tenants (operators)',
      tag: 'tenants',
      auth: 'authenticated',
      query: listQuery,
      response: { status: 200, schema: pageOf(TenantViewSchema), description: 'A page of tenants' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await tenants.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof newTenant>({
      method: 'post',
      path: '/tenants',
      summary: 'Create a tenant (operators)',
      tag: 'tenants',
      auth: 'authenticated',
      body: newTenant,
      response: { status: 201, schema: TenantViewSchema, description: 'The new tenant' },
      handle: async ({ actor, body }) => ({
        status: 201,
        body: await tenants.create(actor.actor, actor.ability, defined(body)),
      }),
    }),
    defineRoute<RequestActor, typeof tenantParams>({
      method: 'get',
      path: '/tenants/:tenantId',
      summary: 'One tenant',
      tag: 'tenants',
      auth: 'authenticated',
      params: tenantParams,
      response: { status: 200, schema: TenantViewSchema, description: 'The tenant' },
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await tenants.get(actor.actor, actor.ability, params),
      }),
    }),
    defineRoute<RequestActor, typeof tenantParams, undefined, typeof tenantChanges>({
      method: 'patch',
      path: '/tenants/:tenantId',
      summary: 'Rename a tenant or change its tier (operators)',
      tag: 'tenants',
      auth: 'authenticated',
      params: tenantParams,
      body: tenantChanges,
      response: { status: 200, schema: TenantViewSchema, description: 'The tenant after the change' },
      handle: async ({ actor, params, body }) => {
        let view = await tenants.get(actor.actor, actor.ability, params);
        if (body.name !== undefined)
          view = await tenants.rename(actor.actor, actor.ability, { ...params, name: body.name });
        if (body.tier !== undefined)
          view = await tenants.changeTier(actor.actor, actor.ability, { ...params, tier: body.tier });
        return { status: 200, body: view };
      },
    }),
    ...(['suspend', 'reactivate'] as const).map((action) =>
      defineRoute<RequestActor, typeof tenantParams>({
        method: 'post',
        path: `/tenants/:tenantId/${action}`,
        summary:
          action === 'suspend'
            ? 'Suspend a tenant: its staff cannot sign in (operators)'
            : 'Reactivate a tenant (operators)',
        tag: 'tenants',
        auth: 'authenticated',
        params: tenantParams,
        response: { status: 200, schema: TenantViewSchema, description: 'The tenant' },
        handle: async ({ actor, params }) => ({
          status: 200,
          body: await tenants[action](actor.actor, actor.ability, params),
        }),
      }),
    ),
  ];
}
