import { domainToASCII } from 'node:url';
import { withTenantPrisma, type PrismaClient } from '@elara/db/prisma';

export type UrlRuleList = 'allow' | 'block';

export interface UrlRuleInput {
  list: UrlRuleList;
  /** A domain or host, e.g. "demobank.com", "Login.DemoBank.com", "https://pay.example/x" or an IDN. */
  domain: string;
  note?: string;
}

export interface UrlRule {
  id: string;
  list: UrlRuleList;
  domain: string;
  note: string | null;
  createdAt: Date;
}

/** A rule's domain was not a domain; the message says why, for a 400 in the admin API. */
export class InvalidDomainError extends Error {
  override name = 'InvalidDomainError';
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/u;
const MAX_NOTE = 500;

/**
 * Canonical form of a rule's domain: the host of a pasted URL, lowercase, punycode for IDNs,
 * without a trailing dot. IP addresses and single labels are refused: a rule is about a domain.
 */
export function normalizeRuleDomain(input: string): string {
  const trimmed = input.trim();
  const host = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? safeHost(trimmed) : trimmed.split(/[/?#]/u)[0];
  const ascii = domainToASCII((host ?? '').replace(/\.$/u, '').toLowerCase());
  if (!ascii || !HOSTNAME.test(ascii) || /^[\d.]+$/u.test(ascii)) {
    throw new InvalidDomainError(`"${input.slice(0, 80)}" is not a domain name such as example.com`);
  }
  return ascii;
}

interface UrlRuleRow {
  id: string;
  list: string;
  domain: string;
  note: string | null;
  createdAt: Date;
}

function toRule(row: UrlRuleRow): UrlRule {
  // The database's CHECK constraint guarantees `list` is one of the two.
  return {
    id: row.id,
    list: row.list as UrlRuleList,
    domain: row.domain,
    note: row.note,
    createdAt: row.createdAt,
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** A tenant's allow and block lists, written through Prisma inside the tenant's context (RLS). */
export function createTenantUrlRules({ prisma }: { prisma: PrismaClient }) {
  return {
    /** Adds a rule or moves an existing domain to `list` (one rule per domain). */
    async set(tenantId: string, input: UrlRuleInput): Promise<UrlRule> {
      const domain = normalizeRuleDomain(input.domain);
      if (input.note !== undefined && input.note.length > MAX_NOTE) {
        throw new InvalidDomainError(`the note is longer than ${MAX_NOTE} characters`);
      }
      const data = { list: input.list, note: input.note ?? null };
      const row = await withTenantPrisma(prisma, tenantId, (tx) =>
        tx.tenantUrlRule.upsert({
          where: { tenantId_domain: { tenantId, domain } },
          create: { tenantId, domain, ...data },
          update: data,
        }),
      );
      return toRule(row);
    },

    /** Removes the rule for a domain; false when there was none. */
    async remove(tenantId: string, domain: string): Promise<boolean> {
      const canonical = normalizeRuleDomain(domain);
      const { count } = await withTenantPrisma(prisma, tenantId, (tx) =>
        tx.tenantUrlRule.deleteMany({ where: { tenantId, domain: canonical } }),
      );
      return count > 0;
    },

    async list(tenantId: string): Promise<UrlRule[]> {
      const rows = await withTenantPrisma(prisma, tenantId, (tx) =>
        tx.tenantUrlRule.findMany({ where: { tenantId }, orderBy: [{ list: 'asc' }, { domain: 'asc' }] }),
      );
      return rows.map(toRule);
    },
  };
}

export type TenantUrlRules = ReturnType<typeof createTenantUrlRules>;
