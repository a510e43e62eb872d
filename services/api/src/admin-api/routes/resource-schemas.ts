import { z } from 'zod';

/** A read model whose fields depend on what the caller may read (secrets never appear). */
export const ViewSchema = z.record(z.string(), z.unknown());

// The views, for the OpenAPI document. Every field is optional: a caller sees only the fields
// their role may read (viewers, for example, get message metadata without content).
const timestamp = z.string().describe('ISO 8601');
export const TenantViewSchema = z
  .object({
    tenantId: z.string(),
    slug: z.string(),
    name: z.string(),
    tier: z.string(),
    status: z.enum(['active', 'suspended']),
    createdAt: timestamp,
  })
  .partial();
export const SenderViewSchema = z
  .object({
    tenantId: z.string(),
    id: z.string(),
    phoneNumber: z.string(),
    accountSid: z.string(),
    status: z.enum(['active', 'disabled']),
    createdAt: timestamp,
  })
  .partial()
  .describe('A WhatsApp number; its auth token is never returned');
export const SettingsViewSchema = z
  .object({
    tenantId: z.string(),
    defaultLanguage: z.string(),
    brandDomains: z.array(z.string()),
    replyStyle: z.enum(['standard', 'brief']),
    ssoEnforced: z.boolean(),
  })
  .partial();
export const UrlRuleViewSchema = z
  .object({
    tenantId: z.string(),
    id: z.string(),
    list: z.enum(['allow', 'block']),
    domain: z.string(),
    note: z.string().nullable(),
    createdAt: timestamp,
  })
  .partial();
export const WhatsappUserViewSchema = z
  .object({
    tenantId: z.string(),
    id: z.string(),
    phone: z.string(),
    language: z.string().nullable(),
    firstSeenAt: timestamp,
    lastSeenAt: timestamp,
    optedOutAt: timestamp.nullable(),
  })
  .partial();
export const MessageViewSchema = z
  .object({
    tenantId: z.string(),
    id: z.string(),
    senderId: z.string(),
    whatsappUserId: z.string(),
    status: z.string(),
    verdict: z.enum(['scam', 'suspicious', 'spam', 'safe']).nullable(),
    score: z.number().nullable(),
    reasons: z.array(z.record(z.string(), z.unknown())).describe('Signals: code, weight, detail (content)'),
    language: z.string().nullable(),
    numMedia: z.number(),
    receivedAt: timestamp,
    processedAt: timestamp.nullable(),
    replyStatus: z.string().nullable(),
    body: z.string().describe('Content: not for viewers'),
    fromPhone: z.string().describe('Content: not for viewers'),
    profileName: z.string().nullable(),
    urls: z.array(z.record(z.string(), z.unknown())),
    replyBody: z.string().nullable(),
  })
  .partial();
export const DeadLetterViewSchema = z
  .object({
    tenantId: z.string(),
    inboundMessageId: z.string(),
    receivedAt: timestamp,
    lastError: z.string().nullable(),
  })
  .partial();

/** A page of `item`s with the cursor of the next page. */
export function pageOf(item: z.ZodType) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const page = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
};
/** Operators name the tenant; tenant users and keys act on their own (another id answers 404). */
export const tenantQuery = { tenantId: z.uuid().optional() };
export const language = z.enum(['en', 'es', 'pt', 'fr', 'de']);
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Drops keys whose value is undefined, so services see only what the request gave. */
export function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
