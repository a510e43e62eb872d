import type { MongoQuery } from '@casl/ability';
import type { FieldOf, GrantableAction, SubjectMap, SubjectType } from '../subjects.types.ts';

/** One granted action on one subject, narrowed by fields and conditions. */
export interface Permission<S extends SubjectType> {
  /**
   * Only these fields: for `read`, the fields the actor may see; for `create` and `update`, the
   * fields a payload may set. Omitted (reads and other actions only): every catalog field.
   */
  fields?: readonly FieldOf<S>[];
  /** Conditions on the object, ANDed with the tenant condition for tenant actors. */
  where?: MongoQuery<SubjectMap[S]>;
}

/** Writes always name their fields, so a new column is never mass-assignable by default. */
export interface WritePermission<S extends SubjectType> extends Permission<S> {
  fields: readonly FieldOf<S>[];
}

type ActionPermissions<S extends SubjectType> = {
  readonly [A in GrantableAction]?: A extends 'create' | 'update' ? WritePermission<S> : true | Permission<S>;
};

/**
 * What one role (or one API-key scope) may do: subject → action → `true` (every field, no extra
 * condition) or a narrowed `Permission`. Anything not listed is denied.
 */
export type PermissionTable = { readonly [S in SubjectType]?: ActionPermissions<S> };
