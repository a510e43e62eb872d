import type { StaffService } from '@elara/tenant-admin/staff';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';

const role = z.enum(['owner', 'admin', 'analyst', 'viewer']);
const userParams = z.object({ userId: z.uuid() });
const UserSchema = z.object({
  id: z.string(),
  email: z.string().optional(),
  displayName: z.string().optional(),
  role: role.optional(),
  status: z.string().optional(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
});
const newUser = z.strictObject({
  email: z.string().trim().min(3).max(254),
  displayName: z.string().trim().min(1).max(200),
  role,
  password: z.string().min(12).max(128).optional(),
});
// Only these keys exist: `tenantId`, `email` or anything else is refused as unknown (400), and
// what the caller may change among them is the permission check's (403).
const userChanges = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200),
    role,
    status: z.enum(['active', 'disabled']),
  })
  .partial();

/** The tenant's console users. */
export function staffRoutes({ staff }: { staff: StaffService }): ApiRoute<RequestActor>[] {
  return [
    defineRoute<RequestActor>({
      method: 'get',
      path: '/users',
      summary: "List the tenant's console users",
      tag: 'users',
      auth: 'authenticated',
      response: { status: 200, schema: z.object({ items: z.array(UserSchema) }), description: 'Users' },
      handle: async ({ actor }) => ({
        status: 200,
        body: { items: await staff.list(actor.actor, actor.ability) },
      }),
    }),
    defineRoute<RequestActor, undefined, undefined, typeof newUser>({
      method: 'post',
      path: '/users',
      summary: 'Add a console user (without a password: SSO only)',
      tag: 'users',
      auth: 'authenticated',
      body: newUser,
      response: { status: 201, schema: UserSchema, description: 'The new user' },
      handle: async ({ actor, body }) => ({
        status: 201,
        body: await staff.create(actor.actor, actor.ability, body),
      }),
    }),
    defineRoute<RequestActor, typeof userParams>({
      method: 'get',
      path: '/users/:userId',
      summary: 'One console user',
      tag: 'users',
      auth: 'authenticated',
      params: userParams,
      response: { status: 200, schema: UserSchema, description: 'The user' },
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await staff.get(actor.actor, actor.ability, params.userId),
      }),
    }),
    defineRoute<RequestActor, typeof userParams, undefined, typeof userChanges>({
      method: 'patch',
      path: '/users/:userId',
      summary: "Change a user's name, role or status",
      tag: 'users',
      auth: 'authenticated',
      params: userParams,
      body: userChanges,
      response: { status: 200, schema: UserSchema, description: 'The user after the change' },
      handle: async ({ actor, params, body }) => ({
        status: 200,
        body: await staff.update(actor.actor, actor.ability, params.userId, body),
      }),
    }),
  ];
}
