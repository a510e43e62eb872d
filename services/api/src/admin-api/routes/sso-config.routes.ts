import type { SsoConfigService } from '@elara/tenant-admin/sso-config';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';

const ViewSchema = z.object({
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  serviceProvider: z.object({ entityId: z.string(), acsUrl: z.string(), loginUrl: z.string() }),
});
const body = z.strictObject({
  enabled: z.boolean().default(true),
  config: z
    .record(z.string(), z.unknown())
    .describe('IdP metadata XML or fields, attribute and role mappings'),
});

/** The tenant's SAML identity provider (owners only). */
export function ssoConfigRoutes({ ssoConfig }: { ssoConfig: SsoConfigService }): ApiRoute<RequestActor>[] {
  return [
    defineRoute<RequestActor>({
      method: 'get',
      path: '/sso-config',
      summary: "The tenant's SAML set-up and Elara's service-provider endpoints",
      tag: 'sso',
      auth: 'authenticated',
      response: { status: 200, schema: ViewSchema.nullable(), description: 'The set-up, or null' },
      handle: async ({ actor }) => ({ status: 200, body: await ssoConfig.get(actor.actor, actor.ability) }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof body>({
      method: 'put',
      path: '/sso-config',
      summary: 'Set the SAML identity provider (validated before it is saved)',
      tag: 'sso',
      auth: 'authenticated',
      body,
      response: { status: 200, schema: ViewSchema, description: 'The saved set-up' },
      handle: async ({ actor, body: input }) => ({
        status: 200,
        body: await ssoConfig.put(actor.actor, actor.ability, input),
      }),
    }),
  ];
}
