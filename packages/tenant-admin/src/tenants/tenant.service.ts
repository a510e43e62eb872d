import type { ActorContext } from '@elara/access-control/actor';
import type { AppAbility } from '@elara/access-control/subjects';
import { NotFoundError } from '@elara/access-control/errors';
import { pickPermittedFields, pickReadableFields } from '@elara/access-control/fields';
import { assertCan, assertCanOrNotFound, authorizeUpdate } from '@elara/access-control/guards';
import { asSubject, type SubjectObject, type TenantSubject } from '@elara/access-control/subjects';
import type { Pool } from '@elara/db/pool';
import { withTenant } from '@elara/db/tenant';
import type { Tier } from '@elara/ratelimit/tiers';
import type { TenantOnboarding } from '@elara/tenancy/onboarding';
import { z } from 'zod';
import { resolveTenant, isPlatformAdmin, type AdminContext } from '../shared/admin-context.ts';
import type { AuditTrail } from '../shared/audit-trail.ts';
import { isUniqueViolation } from '../shared/db-errors.ts';
import { decodeCursor, pageSize, toPage, type Page } from '../shared/pagination.ts';
import { brandDomainsSchema, languageSchema, parseInput, tierSchema } from '../shared/validation.ts';
import { ConflictError } from '../tenant-admin.errors.ts';
import {
  findTenant,
  listTenantDirectory,
  updateTenant,
  type TenantChanges,
  type TenantDirectoryRow,
  type TenantRow,
} from './tenant.repo.ts';
import type { CreateTenantInput, ListTenantsQuery, TenantRef, TenantView } from './tenant.types.ts';

export type { CreateTenantInput, ListTenantsQuery, TenantRef, TenantView };

const CURSOR_KIND = 'tenants';
/** Create-payload keys that are the new tenant's initial settings, not fields of `Tenant`. */
const INITIAL_SETTINGS = new Set(['defaultLanguage', 'brandDomains']);

const nameSchema = z.string().trim().min(1).max(200);
const createTenantSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and -, 2 to 63'),
  name: nameSchema,
  tier: tierSchema.optional(),
  defaultLanguage: languageSchema.optional(),
  brandDomains: brandDomainsSchema.optional(),
});
const statusSchema = z.enum(['active', 'suspended']);

export function tenantSubject(row: TenantDirectoryRow): TenantSubject {
  return {
    tenantId: row.id,
    slug: row.slug,
    name: row.name,
    tier: row.tier,
    status: row.status,
    createdAt: row.created_at,
  };
}

function tenantView(ctx: AdminContext, row: TenantDirectoryRow): TenantView {
  return pickReadableFields(ctx.ability, 'Tenant', tenantSubject(row));
}

interface TenantDecision {
  changes: TenantChanges;
  details: Record<string, unknown>;
}

/**
 * Tenants: platform admins create, list, suspend, reactivate and change tiers; every tenant role
 * reads its own tenant, and an owner may rename it (`@elara/access-control`'s table).
 */
export function createTenantService({
  pool,
  onboarding,
  trail,
}: {
  pool: Pool;
  onboarding: Pick<TenantOnboarding, 'createTenant'>;
  trail: AuditTrail;
}) {
  /** Loads and locks the tenant, lets `decide` authorize and plan the change, applies it. */
  const mutate = (
    ctx: AdminContext,
    action: string,
    requested: string,
    decide: (stored: SubjectObject<'Tenant'>, row: TenantRow) => TenantDecision,
  ): Promise<TenantView> =>
    trail.run(ctx, { action, targetType: 'tenant', targetId: requested, tenantId: requested }, async () => {
      const tenantId = resolveTenant(ctx, 'Tenant', requested);
      const { row, details } = await withTenant(pool, tenantId, async (tx) => {
        const stored = await findTenant(tx, tenantId, true);
        if (!stored) throw new NotFoundError('Tenant');
        const decision = decide(asSubject('Tenant', tenantSubject(stored)), stored);
        const changed = Object.keys(decision.changes).length > 0;
        return {
          row: changed ? await updateTenant(tx, tenantId, decision.changes) : stored,
          details: decision.details,
        };
      });
      return { result: tenantView(ctx, row), tenantId, targetId: tenantId, details };
    });

  const setStatus = (ctx: AdminContext, input: TenantRef, status: 'active' | 'suspended') =>
    mutate(
      ctx,
      status === 'suspended' ? 'tenant.suspend' : 'tenant.reactivate',
      input.tenantId,
      (stored, row) => {
        assertCanOrNotFound(ctx.ability, 'suspend', stored);
        return {
          changes: row.status === status ? {} : { status },
          details: { previousStatus: row.status, status },
        };
      },
    );

  return {
    /**
     * A new tenant through `@elara/tenancy/onboarding` (platform admins). `slug`, `name` and `tier`
     * are checked against the `Tenant` create rule; `defaultLanguage` and `brandDomains` are the
     * new tenant's initial settings, part of the same step. A taken slug is a `ConflictError`.
     */
    create(actor: ActorContext, ability: AppAbility, input: CreateTenantInput): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      return trail.run(ctx, { action: 'tenant.create', targetType: 'tenant' }, async () => {
        assertCan(ctx.ability, 'create', 'Tenant');
        const tenantFields = Object.fromEntries(
          Object.entries(input).filter(([key]) => !INITIAL_SETTINGS.has(key)),
        );
        pickPermittedFields(ctx.ability, 'create', 'Tenant', tenantFields);
        const data = parseInput(createTenantSchema, input, 'tenant');
        let id: string;
        try {
          ({ id } = await onboarding.createTenant(data));
        } catch (error) {
          if (isUniqueViolation(error)) throw new ConflictError(`slug "${data.slug}" is already in use`);
          throw error;
        }
        const row = await withTenant(pool, id, (tx) => findTenant(tx, id));
        if (!row) throw new Error('a tenant just created is not visible in its own context');
        return {
          result: tenantView(ctx, row),
          tenantId: id,
          targetId: id,
          details: { slug: row.slug, name: row.name, tier: row.tier, defaultLanguage: row.default_language },
        };
      });
    },

    /**
     * Platform admins: every tenant, by slug (needs `list_tenants`, see the README). A tenant
     * actor's list is its own tenant.
     */
    async list(
      actor: ActorContext,
      ability: AppAbility,
      query: ListTenantsQuery = {},
    ): Promise<Page<TenantView>> {
      const ctx: AdminContext = { actor, ability };
      assertCan(ctx.ability, 'read', 'Tenant');
      const limit = pageSize(query.limit);
      const after = decodeCursor(CURSOR_KIND, query.cursor, 1)?.[0] ?? null;
      const status = query.status === undefined ? null : parseInput(statusSchema, query.status, 'status');
      let rows: TenantDirectoryRow[];
      if (isPlatformAdmin(ctx)) {
        rows = await listTenantDirectory(pool, { afterSlug: after, limit: limit + 1, status });
      } else {
        const tenantId = resolveTenant(ctx, 'Tenant', undefined);
        const own =
          after === null ? await withTenant(pool, tenantId, (tx) => findTenant(tx, tenantId)) : null;
        rows = own && (status === null || own.status === status) ? [own] : [];
      }
      return toPage(
        rows,
        limit,
        CURSOR_KIND,
        (row) => [row.slug],
        (row) => tenantView(ctx, row),
      );
    },

    async get(actor: ActorContext, ability: AppAbility, input: TenantRef): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      const tenantId = resolveTenant(ctx, 'Tenant', input.tenantId);
      const row = await withTenant(pool, tenantId, (tx) => findTenant(tx, tenantId));
      if (!row) throw new NotFoundError('Tenant');
      return tenantView(ctx, row);
    },

    /** Owners (their own tenant) and platform admins. */
    rename(
      actor: ActorContext,
      ability: AppAbility,
      input: TenantRef & { name: string },
    ): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      return mutate(ctx, 'tenant.rename', input.tenantId, (stored, row) => {
        authorizeUpdate(ctx.ability, stored, { name: input.name });
        const name = parseInput(nameSchema, input.name, 'name');
        return { changes: { name }, details: { from: row.name, to: name } };
      });
    },

    /** Platform admins. Idempotent: suspending a suspended tenant changes nothing. */
    suspend(actor: ActorContext, ability: AppAbility, input: TenantRef): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      return setStatus(ctx, input, 'suspended');
    },

    /** Platform admins (the `suspend` action covers both directions). */
    reactivate(actor: ActorContext, ability: AppAbility, input: TenantRef): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      return setStatus(ctx, input, 'active');
    },

    /** Platform admins; the tier sets the tenant's rate limits (`@elara/ratelimit/tiers`). */
    changeTier(
      actor: ActorContext,
      ability: AppAbility,
      input: TenantRef & { tier: Tier },
    ): Promise<TenantView> {
      const ctx: AdminContext = { actor, ability };
      return mutate(ctx, 'tenant.change_tier', input.tenantId, (stored, row) => {
        authorizeUpdate(ctx.ability, stored, { tier: input.tier });
        const tier = parseInput(tierSchema, input.tier, 'tier');
        return { changes: { tier }, details: { from: row.tier, to: tier } };
      });
    },
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
