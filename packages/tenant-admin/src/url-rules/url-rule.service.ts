import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickPermittedFields, pickReadableFields } from '@elara/access-control/fields';
import { assertCanOrNotFound, authorizeCreate } from '@elara/access-control/guards';
import { asSubject, type UrlRuleSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { TenantUrlRules, UrlRule } from '@elara/tenancy/url-rules';
import { z } from 'zod';
import { resolveTenant, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.ts';
import { domainSchema, parseInput } from '../shared/validation.ts';
import { findUrlRuleByDomain, type UrlRuleRow } from './url-rule.repo.ts';
import type {
  ListUrlRulesQuery,
  UrlRuleData,
  UrlRuleList,
  UrlRulesRef,
  UrlRuleView,
} from './url-rule.types.ts';

export type { ListUrlRulesQuery, UrlRuleData, UrlRuleList, UrlRulesRef, UrlRuleView };

const CURSOR_KIND = 'url-rules';
const listSchema = z.enum(['allow', 'block']);
const ruleSchema = z.strictObject({
  list: listSchema,
  domain: domainSchema,
  note: z.string().max(500).optional(),
});

function ruleSubject(tenantId: string, rule: UrlRule): UrlRuleSubject {
  return { tenantId, ...rule };
}

function rowSubject(row: UrlRuleRow): UrlRuleSubject {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    list: row.list,
    domain: row.domain,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** Plain code-unit order on (list, domain), the same for sorting and for cursor positions. */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A tenant's URL allow and block lists, through `@elara/tenancy/url-rules` (`UrlRule`): owners and
 * admins change them, analysts read them; platform admins never see them.
 */
export function createUrlRuleService({
  pool,
  urlRules,
  trail,
}: {
  pool: Pool;
  urlRules: TenantUrlRules;
  trail: AuditTrail;
}) {
  return {
    /**
     * Ordered by list then domain. The tenancy service reads a tenant's whole list (lists are
     * hundreds of rules at most) and this pages it.
     */
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListUrlRulesQuery = {},
    ): Promise<Page<UrlRuleView>> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'UrlRule', query.tenantId, 'read');
      const limit = pageSize(query.limit);
      const after = decodeCursor(CURSOR_KIND, query.cursor, 2);
      const list = query.list === undefined ? null : parseInput(listSchema, query.list, 'list');
      const key = (rule: UrlRule) => [rule.list, rule.domain];
      const rules = (await urlRules.list(tenantId))
        .filter((rule) => list === null || rule.list === list)
        .sort((a, b) => compareKeys(key(a), key(b)))
        .filter((rule) => after === null || compareKeys(key(rule), after) > 0)
        .slice(0, limit + 1);
      return toPage(rules, limit, CURSOR_KIND, key, (rule) =>
        pickReadableFields(ctx.ability, 'UrlRule', ruleSubject(tenantId, rule)),
      );
    },

    /**
     * Adds a rule, or moves an existing domain to another list and replaces its note. A new
     * domain needs `create`; an existing one also `update`.
     */
    set(
      actor: ActorContext,
      ability: AppAbility,
      input: UrlRulesRef & { data: UrlRuleData },
    ): Promise<UrlRuleView> {
      const ctx: AdminContext = { actor, ability };
      const spec = { action: 'url_rule.set', targetType: 'url_rule', tenantId: input.tenantId };
      return trail.run(ctx, spec, async () => {
        const tenantId = resolveTenant(ctx, 'UrlRule', input.tenantId, 'create');
        authorizeCreate(ctx.ability, 'UrlRule', tenantId, input.data);
        const data = parseInput(ruleSchema, input.data, 'url rule');
        const existing = await withTenant(pool, tenantId, (tx) =>
          findUrlRuleByDomain(tx, tenantId, data.domain),
        );
        if (existing) {
          const stored = asSubject('UrlRule', rowSubject(existing));
          pickPermittedFields(ctx.ability, 'update', stored, { list: data.list, note: data.note });
        }
        const rule = await urlRules.set(tenantId, data);
        return {
          result: pickReadableFields(ctx.ability, 'UrlRule', ruleSubject(tenantId, rule)),
          tenantId,
          targetId: rule.id,
          details: {
            domain: rule.domain,
            list: rule.list,
            created: existing === null,
            ...(existing && existing.list !== rule.list ? { previousList: existing.list } : {}),
          },
        };
      });
    },

    /** Removes the rule of a domain (given in any form `set` accepts). */
    remove(actor: ActorContext, ability: AppAbility, input: UrlRulesRef & { domain: string }): Promise<void> {
      const ctx: AdminContext = { actor, ability };
      const spec = { action: 'url_rule.delete', targetType: 'url_rule', tenantId: input.tenantId };
      return trail.run(ctx, spec, async () => {
        const tenantId = resolveTenant(ctx, 'UrlRule', input.tenantId);
        const domain = parseInput(domainSchema, input.domain, 'domain');
        const existing = await withTenant(pool, tenantId, (tx) => findUrlRuleByDomain(tx, tenantId, domain));
        if (!existing) throw new NotFoundError('UrlRule');
        assertCanOrNotFound(ctx.ability, 'delete', asSubject('UrlRule', rowSubject(existing)));
        await urlRules.remove(tenantId, domain);
        return {
          result: undefined,
          tenantId,
          targetId: existing.id,
          details: { domain, list: existing.list },
        };
      });
    },
  };
}

export type UrlRuleService = ReturnType<typeof createUrlRuleService>;
