import { InvalidDomainError, normalizeRuleDomain } from '@elara/tenancy/url-rules';
import { TIER_LIMITS, type Tier } from '@elara/ratelimit/tiers';
import { z } from 'zod';
import { ValidationError } from '../tenant-admin.errors.ts';

/** The languages Elara replies in (`@elara/replies`). */
export const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TIERS = Object.keys(TIER_LIMITS) as Tier[];

export const MAX_BRAND_DOMAINS = 50;

export const languageSchema = z.enum(LANGUAGES);
export const tierSchema = z.enum(TIERS as [Tier, ...Tier[]]);

/** A domain as url rules store it: lowercase, punycode, no scheme or path (`normalizeRuleDomain`). */
export const domainSchema = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    try {
      return normalizeRuleDomain(value);
    } catch (error) {
      if (!(error instanceof InvalidDomainError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

/** Brand domains, normalised and without duplicates, in the order given. */
export const brandDomainsSchema = z
  .array(domainSchema)
  .max(MAX_BRAND_DOMAINS)
  .transform((domains) => [...new Set(domains)]);

/** E.164, as the database checks it. */
export const e164Schema = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number such as +14155238886');

/** Parses service input with a zod schema; any problem is a `ValidationError` (400) naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ValidationError(`invalid ${what}: ${issues.map((i) => i.path || i.message).join(', ')}`, issues);
}
