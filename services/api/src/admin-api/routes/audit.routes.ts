import type { AuditViewer } from '@elara/tenant-admin/audit';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';

const filters = z.strictObject({
  chain: z
    .union([z.uuid(), z.literal('platform')])
    .optional()
    .describe("Operators only: a tenant id or 'platform'"),
  action: z.string().max(100).optional(),
  actionPrefix: z.string().max(100).optional(),
  actorType: z.enum(['user', 'api_key', 'platform_admin', 'system']).optional(),
  actorId: z.string().max(200).optional(),
  outcome: z.enum(['success', 'denied', 'error']).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
const listQuery = filters.extend({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().min(1).optional(),
});

const EventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), display: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  outcome: z.string(),
  sourceIp: z.string().nullable(),
  hash: z.string(),
});

function toFilters(query: z.infer<typeof filters>) {
  const { chain: _chain, from, to, ...rest } = query;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(from ? { from: new Date(from) } : {}),
    ...(to ? { to: new Date(to) } : {}),
  };
}

/** The tamper-evident audit log: filtered pages, and CSV export. */
export function auditRoutes({ audit }: { audit: AuditViewer }): ApiRoute<RequestActor>[] {
  return [
    defineRoute<RequestActor, undefined, typeof listQuery>({
      method: 'get',
      path: '/audit-events',
      summary: 'Admin actions, newest first',
      tag: 'audit',
      auth: 'authenticated',
      query: listQuery,
      response: {
        status: 200,
        schema: z.object({ items: z.array(EventSchema), nextBefore: z.number().nullable() }),
        description: 'A page of events; pass nextBefore as before for the next one',
      },
      handle: async ({ actor, query }) => {
        const page = await audit.list(actor.actor, actor.ability, query.chain, toFilters(query), {
          ...(query.limit ? { limit: query.limit } : {}),
          ...(query.before ? { beforeSeq: query.before } : {}),
        });
        return { status: 200, body: { items: page.events, nextBefore: page.nextBeforeSeq } };
      },
    }),
    defineRoute<RequestActor, undefined, typeof filters>({
      method: 'get',
      path: '/audit-events/export.csv',
      summary: 'The same events as CSV, oldest first',
      tag: 'audit',
      auth: 'authenticated',
      query: filters,
      response: { status: 200, description: 'text/csv' },
      handle: async ({ actor, query }) => ({
        status: 200,
        text: await audit.exportCsv(actor.actor, actor.ability, query.chain, toFilters(query)),
        contentType: 'text/csv; charset=utf-8',
        filename: 'audit-events.csv',
      }),
    }),
  ];
}
