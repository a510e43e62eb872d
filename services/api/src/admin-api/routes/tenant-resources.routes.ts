import type { TenantAdmin } from '@elara/tenant-admin/service';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { RequestActor } from '../request-actor.ts';
import {
  booleanQuery,
  DeadLetterViewSchema,
  defined,
  language,
  MessageViewSchema,
  page,
  pageOf,
  SenderViewSchema,
  SettingsViewSchema,
  tenantQuery,
  UrlRuleViewSchema,
  ViewSchema,
  WhatsappUserViewSchema,
} from './resource-schemas.ts';

const scoped = z.strictObject(tenantQuery);
const settingsPatch = z.strictObject({
  defaultLanguage: language.optional(),
  brandDomains: z.array(z.string().max(253)).max(50).optional(),
  replyStyle: z.enum(['standard', 'brief']).optional(),
  ssoEnforced: z.boolean().optional(),
});

/** The tenant's own settings and rate limits. */
export function settingsRoutes({ admin }: { admin: TenantAdmin }): ApiRoute<RequestActor>[] {
  return [
    defineRoute<RequestActor, undefined, typeof scoped>({
      method: 'get',
      path: '/settings',
      summary: 'Brand domains, default language, reply style, SSO enforcement',
      tag: 'settings',
      auth: 'authenticated',
      query: scoped,
      response: { status: 200, schema: SettingsViewSchema, description: 'The settings' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await admin.settings.get(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof scoped, typeof settingsPatch>({
      method: 'patch',
      path: '/settings',
      summary: 'Change settings (only the keys given)',
      tag: 'settings',
      auth: 'authenticated',
      query: scoped,
      body: settingsPatch,
      response: { status: 200, schema: SettingsViewSchema, description: 'The settings after the change' },
      handle: async ({ actor, query, body }) => ({
        status: 200,
        body: await admin.settings.update(actor.actor, actor.ability, {
          ...defined(query),
          patch: defined(body),
        }),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof scoped>({
      method: 'get',
      path: '/rate-limits',
      summary: "The tenant's tier and its message limits",
      tag: 'settings',
      auth: 'authenticated',
      query: scoped,
      response: { status: 200, schema: ViewSchema, description: 'Limits' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await admin.rateLimits.get(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor>({
      method: 'get',
      path: '/rate-limits/tiers',
      summary: 'The limits of every tier',
      tag: 'settings',
      auth: 'authenticated',
      response: { status: 200, schema: ViewSchema, description: 'Limits per tier' },
      handle: async ({ actor }) => ({
        status: 200,
        body: admin.rateLimits.tiers(actor.actor, actor.ability),
      }),
    }),
  ];
}

const senderParams = z.object({ senderId: z.uuid() });
const newSender = z.strictObject({
  phoneNumber: z.string().regex(/^\+[1-9][0-9]{6,14}$/),
  accountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  authToken: z.string().min(16).max(256).describe('Write-only: sealed at rest, never returned'),
});
const credentials = z.strictObject({
  authToken: z.string().min(16).max(256),
  accountSid: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/)
    .optional(),
});

/** The tenant's WhatsApp numbers and their Twilio credentials (write-only). */
export function senderRoutes({ admin }: { admin: TenantAdmin }): ApiRoute<RequestActor>[] {
  const { senders } = admin;
  const listQuery = z.strictObject({
    ...tenantQuery,
    status: z.enum(['active', 'disabled']).optional(),
    ...page,
  });
  return [
    defineRoute<RequestActor, undefined, typeof listQuery>({
      method: 'get',
      path: '/senders',
      summary: "List the tenant's WhatsApp numbers",
      tag: 'senders',
      auth: 'authenticated',
      query: listQuery,
      response: { status: 200, schema: pageOf(SenderViewSchema), description: 'Numbers, never their tokens' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await senders.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof scoped, typeof newSender>({
      method: 'post',
      path: '/senders',
      summary: 'Add a WhatsApp number with its Twilio credentials',
      tag: 'senders',
      auth: 'authenticated',
      query: scoped,
      body: newSender,
      response: {
        status: 201,
        schema: SenderViewSchema,
        description: 'The number (the token is not returned)',
      },
      handle: async ({ actor, query, body }) => ({
        status: 201,
        body: await senders.create(actor.actor, actor.ability, { ...defined(query), data: body }),
      }),
    }),
    defineRoute<RequestActor, typeof senderParams, typeof scoped>({
      method: 'get',
      path: '/senders/:senderId',
      summary: 'One WhatsApp number',
      tag: 'senders',
      auth: 'authenticated',
      params: senderParams,
      query: scoped,
      response: { status: 200, schema: SenderViewSchema, description: 'The number' },
      handle: async ({ actor, params, query }) => ({
        status: 200,
        body: await senders.get(actor.actor, actor.ability, { ...defined(query), ...params }),
      }),
    }),
    defineRoute<
      RequestActor,
      typeof senderParams,
      typeof scoped,
      z.ZodObject<{ status: z.ZodEnum<{ active: 'active'; disabled: 'disabled' }> }>
    >({
      method: 'patch',
      path: '/senders/:senderId',
      summary: 'Enable or disable a number',
      tag: 'senders',
      auth: 'authenticated',
      params: senderParams,
      query: scoped,
      body: z.strictObject({ status: z.enum(['active', 'disabled']) }),
      response: { status: 200, schema: SenderViewSchema, description: 'The number' },
      handle: async ({ actor, params, query, body }) => ({
        status: 200,
        body: await senders.update(actor.actor, actor.ability, { ...defined(query), ...params, patch: body }),
      }),
    }),
    defineRoute<RequestActor, typeof senderParams, typeof scoped, typeof credentials>({
      method: 'post',
      path: '/senders/:senderId/rotate',
      summary: "Replace a number's Twilio credentials",
      tag: 'senders',
      auth: 'authenticated',
      params: senderParams,
      query: scoped,
      body: credentials,
      response: { status: 200, schema: SenderViewSchema, description: 'The number' },
      handle: async ({ actor, params, query, body }) => ({
        status: 200,
        body: await senders.rotateCredentials(actor.actor, actor.ability, {
          ...defined(query),
          ...params,
          data: defined(body),
        }),
      }),
    }),
    defineRoute<RequestActor, typeof senderParams, typeof scoped>({
      method: 'delete',
      path: '/senders/:senderId',
      summary: 'Remove a number that has no messages (disable it otherwise)',
      tag: 'senders',
      auth: 'authenticated',
      params: senderParams,
      query: scoped,
      response: { status: 204, description: 'Removed' },
      handle: async ({ actor, params, query }) => {
        await senders.delete(actor.actor, actor.ability, { ...defined(query), ...params });
        return { status: 204, body: null };
      },
    }),
  ];
}

const ruleBody = z.strictObject({
  list: z.enum(['allow', 'block']),
  domain: z.string().min(1).max(2048),
  note: z.string().max(500).optional(),
});
const ruleParams = z.object({ domain: z.string().min(1).max(253) });

/** The tenant's allow and block lists for links. */
export function urlRuleRoutes({ admin }: { admin: TenantAdmin }): ApiRoute<RequestActor>[] {
  const { urlRules } = admin;
  const listQuery = z.strictObject({ ...tenantQuery, list: z.enum(['allow', 'block']).optional(), ...page });
  return [
    defineRoute<RequestActor, undefined, typeof listQuery>({
      method: 'get',
      path: '/url-rules',
      summary: "The tenant's allowed and blocked domains",
      tag: 'url-rules',
      auth: 'authenticated',
      query: listQuery,
      response: { status: 200, schema: pageOf(UrlRuleViewSchema), description: 'Rules' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await urlRules.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof scoped, typeof ruleBody>({
      method: 'put',
      path: '/url-rules',
      summary: 'Allow or block a domain (and its subdomains)',
      tag: 'url-rules',
      auth: 'authenticated',
      query: scoped,
      body: ruleBody,
      response: { status: 200, schema: UrlRuleViewSchema, description: 'The rule' },
      handle: async ({ actor, query, body }) => ({
        status: 200,
        body: await urlRules.set(actor.actor, actor.ability, { ...defined(query), data: defined(body) }),
      }),
    }),
    defineRoute<RequestActor, typeof ruleParams, typeof scoped>({
      method: 'delete',
      path: '/url-rules/:domain',
      summary: "Remove a domain's rule",
      tag: 'url-rules',
      auth: 'authenticated',
      params: ruleParams,
      query: scoped,
      response: { status: 204, description: 'Removed' },
      handle: async ({ actor, params, query }) => {
        await urlRules.remove(actor.actor, actor.ability, { ...defined(query), domain: params.domain });
        return { status: 204, body: null };
      },
    }),
  ];
}

const userParams = z.object({ userId: z.uuid() });
const messageParams = z.object({ messageId: z.uuid() });

/** WhatsApp users, their messages and verdicts, and dead letters. */
export function traffic({ admin }: { admin: TenantAdmin }): ApiRoute<RequestActor>[] {
  const usersQuery = z.strictObject({
    ...tenantQuery,
    phonePrefix: z
      .string()
      .regex(/^\+?[0-9]{1,15}$/)
      .optional(),
    language: language.optional(),
    optedOut: booleanQuery.optional(),
    ...page,
  });
  const messagesQuery = z.strictObject({
    ...tenantQuery,
    verdict: z.enum(['scam', 'suspicious', 'spam', 'safe']).optional(),
    status: z.enum(['received', 'replied', 'rate_limited', 'dead_lettered']).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    whatsappUserId: z.uuid().optional(),
    ...page,
  });
  const userPatch = z.strictObject({
    language: language.nullable().optional(),
    optedOut: z.boolean().optional(),
  });
  const dlqQuery = z.strictObject({ ...tenantQuery, ...page });
  return [
    defineRoute<RequestActor, undefined, typeof usersQuery>({
      method: 'get',
      path: '/whatsapp-users',
      summary: 'People who forwarded messages to the tenant',
      tag: 'whatsapp-users',
      auth: 'authenticated',
      query: usersQuery,
      response: { status: 200, schema: pageOf(WhatsappUserViewSchema), description: 'Users' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await admin.whatsappUsers.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, typeof userParams, typeof scoped>({
      method: 'get',
      path: '/whatsapp-users/:userId',
      summary: 'One WhatsApp user',
      tag: 'whatsapp-users',
      auth: 'authenticated',
      params: userParams,
      query: scoped,
      response: { status: 200, schema: WhatsappUserViewSchema, description: 'The user' },
      handle: async ({ actor, params, query }) => ({
        status: 200,
        body: await admin.whatsappUsers.get(actor.actor, actor.ability, { ...defined(query), ...params }),
      }),
    }),
    defineRoute<RequestActor, typeof userParams, typeof scoped, typeof userPatch>({
      method: 'patch',
      path: '/whatsapp-users/:userId',
      summary: "Set a user's reply language or opt them out",
      tag: 'whatsapp-users',
      auth: 'authenticated',
      params: userParams,
      query: scoped,
      body: userPatch,
      response: { status: 200, schema: WhatsappUserViewSchema, description: 'The user' },
      handle: async ({ actor, params, query, body }) => {
        const patch = {
          ...(body.language !== undefined ? { language: body.language } : {}),
          ...(body.optedOut !== undefined ? { optedOutAt: body.optedOut ? new Date() : null } : {}),
        };
        return {
          status: 200,
          body: await admin.whatsappUsers.update(actor.actor, actor.ability, {
            ...defined(query),
            ...params,
            patch,
          }),
        };
      },
    }),
    defineRoute<RequestActor, typeof userParams, typeof scoped>({
      method: 'delete',
      path: '/whatsapp-users/:userId',
      summary: 'Erase a WhatsApp user and their messages (GDPR)',
      tag: 'whatsapp-users',
      auth: 'authenticated',
      params: userParams,
      query: scoped,
      response: { status: 200, schema: ViewSchema, description: 'What was erased' },
      handle: async ({ actor, params, query }) => ({
        status: 200,
        body: await admin.whatsappUsers.delete(actor.actor, actor.ability, { ...defined(query), ...params }),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof messagesQuery>({
      method: 'get',
      path: '/messages',
      summary: 'Forwarded messages with their verdicts, newest first',
      tag: 'messages',
      auth: 'authenticated',
      query: messagesQuery,
      response: {
        status: 200,
        schema: pageOf(MessageViewSchema),
        description: 'Messages (viewers: metadata only)',
      },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await admin.messages.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, typeof messageParams, typeof scoped>({
      method: 'get',
      path: '/messages/:messageId',
      summary: 'One message with its verdict and reply',
      tag: 'messages',
      auth: 'authenticated',
      params: messageParams,
      query: scoped,
      response: { status: 200, schema: MessageViewSchema, description: 'The message' },
      handle: async ({ actor, params, query }) => ({
        status: 200,
        body: await admin.messages.get(actor.actor, actor.ability, { ...defined(query), ...params }),
      }),
    }),
    defineRoute<RequestActor, undefined, typeof dlqQuery>({
      method: 'get',
      path: '/dead-letters',
      summary: 'Messages that could not be answered after every retry',
      tag: 'dead-letters',
      auth: 'authenticated',
      query: dlqQuery,
      response: { status: 200, schema: pageOf(DeadLetterViewSchema), description: 'Dead letters' },
      handle: async ({ actor, query }) => ({
        status: 200,
        body: await admin.deadLetters.list(actor.actor, actor.ability, defined(query)),
      }),
    }),
    defineRoute<RequestActor, typeof messageParams, typeof scoped>({
      method: 'post',
      path: '/dead-letters/:messageId/redrive',
      summary: 'Send one dead letter through the pipeline again',
      tag: 'dead-letters',
      auth: 'authenticated',
      params: messageParams,
      query: scoped,
      response: { status: 202, description: 'Queued' },
      handle: async ({ actor, params, query }) => {
        await admin.deadLetters.redrive(actor.actor, actor.ability, {
          ...defined(query),
          inboundMessageId: params.messageId,
        });
        return { status: 202, body: { queued: true } };
      },
    }),
    defineRoute<RequestActor, undefined, typeof scoped>({
      method: 'post',
      path: '/dead-letters/redrive-all',
      summary: 'Re-drive up to 100 dead letters',
      tag: 'dead-letters',
      auth: 'authenticated',
      query: scoped,
      response: { status: 202, schema: ViewSchema, description: 'How many were queued and remain' },
      handle: async ({ actor, query }) => ({
        status: 202,
        body: await admin.deadLetters.redriveAll(actor.actor, actor.ability, defined(query)),
      }),
    }),
  ];
}
