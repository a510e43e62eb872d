import { buildMongoQueryMatcher, createMongoAbility, type MongoQuery, type RawRuleOf } from '@casl/ability';
import { isTenantRole, type ActorContext } from './actor.types.ts';
import { PLATFORM_ADMIN_PERMISSIONS } from './roles/platform-admin.ts';
import type { PermissionTable } from './roles/permission-table.types.ts';
import { TENANT_ROLE_PERMISSIONS } from './roles/tenant-roles.ts';
import { API_KEY_SCOPES, API_KEY_SCOPE_NAMES, knownScopes } from './scopes.ts';
import { secretFieldsOf } from './field-catalog.ts';
import { SUBJECT_TYPES, type AppAbility, type GrantableAction } from './subjects.types.ts';

export type { AppAbility };

type AppRule = RawRuleOf<AppAbility>;

interface FieldNode {
  field: string;
  value: unknown;
}
interface MatchContext {
  get(object: unknown, field: string): unknown;
}

/*
 * Mongo semantics let `{ tenantId: 't1' }` match `tenantId: ['t1', 't2']`, and
 * `{ role: { $in: ['admin'] } }` match `role: ['owner', 'admin']`. A payload that smuggled an array
 * into an object check would pass, so equality and `$in` compare scalars only here.
 */
const conditionsMatcher = buildMongoQueryMatcher(
  {},
  {
    eq: (node: FieldNode, object: unknown, { get }: MatchContext) => {
      const value = get(object, node.field);
      return !Array.isArray(value) && value === node.value;
    },
    in: (node: FieldNode, object: unknown, { get }: MatchContext) => {
      const value = get(object, node.field);
      return !Array.isArray(value) && Array.isArray(node.value) && node.value.includes(value);
    },
  },
);

/**
 * The actor's permissions, built once per request from the role table (users), the scope table
 * (API keys) or the operators' table (platform admins). Tenant actors get every rule ANDed with
 * `tenantId: actor.tenantId`; an actor without a tenant, a role or known scopes gets no rules and
 * is denied everything.
 */
export function defineAbilityFor(actor: ActorContext): AppAbility {
  return createMongoAbility<AppAbility>([...grantsFor(actor), ...restrictionsFor(actor)], {
    conditionsMatcher,
  });
}

function grantsFor(actor: ActorContext): AppRule[] {
  switch (actor.actorType) {
    case 'platform_admin':
      return rulesFromTable(PLATFORM_ADMIN_PERMISSIONS, {});
    case 'user': {
      if (!actor.tenantId || !isTenantRole(actor.role)) return [];
      return rulesFromTable(TENANT_ROLE_PERMISSIONS[actor.role], { tenantId: actor.tenantId });
    }
    case 'api_key': {
      const tenantId = actor.tenantId;
      if (!tenantId) return [];
      return knownScopes(actor.scopes).flatMap((scope) =>
        rulesFromTable(API_KEY_SCOPES[scope], { tenantId }),
      );
    }
    default:
      return [];
  }
}

function rulesFromTable(table: PermissionTable, tenantCondition: { tenantId?: string }): AppRule[] {
  const rules: AppRule[] = [];
  for (const subject of SUBJECT_TYPES) {
    const actions = table[subject] ?? {};
    for (const [action, permission] of Object.entries(actions) as [GrantableAction, unknown][]) {
      const { fields, where } = (permission === true ? {} : permission) as {
        fields?: readonly string[];
        where?: MongoQuery;
      };
      // The tenant condition is spread last so no table entry can widen it.
      const conditions = { ...where, ...tenantCondition };
      rules.push({
        action,
        subject,
        ...(fields ? { fields: [...fields] } : {}),
        ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
      });
    }
  }
  return rules;
}

/** Inverted rules added after every grant; in CASL the later rule wins, so these always hold. */
function restrictionsFor(actor: ActorContext): AppRule[] {
  const rules: AppRule[] = [
    {
      action: ['create', 'update'],
      subject: [...SUBJECT_TYPES],
      fields: ['tenantId', 'id'],
      inverted: true,
      reason: 'tenantId and id are set by the server',
    },
    ...SUBJECT_TYPES.filter((type) => secretFieldsOf(type).length > 0).map((type): AppRule => ({
      action: ['read', 'export'],
      subject: type,
      fields: secretFieldsOf(type),
      inverted: true,
      reason: 'secrets are write-only',
    })),
    {
      action: 'create',
      subject: 'ApiKey',
      conditions: scopesOutside(API_KEY_SCOPE_NAMES),
      inverted: true,
      reason: 'unknown API key scopes',
    },
  ];
  if (actor.actorType === 'api_key') {
    rules.push({
      action: ['create', 'update', 'delete', 'rotate'],
      subject: 'ApiKey',
      conditions: scopesOutside(knownScopes(actor.scopes)),
      inverted: true,
      reason: 'an API key may manage only keys with a subset of its own scopes',
    });
  }
  return rules;
}

/** Matches a key holding any scope not in `allowed`. */
function scopesOutside(allowed: readonly string[]): MongoQuery {
  return { scopes: { $elemMatch: { $nin: [...allowed] } } };
}
