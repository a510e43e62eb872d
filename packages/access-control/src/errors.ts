import { ForbiddenError } from '@casl/ability';
import type { Action, AppAbility } from './subjects.types.ts';

/** 403: the actor may see the resource (or is creating one) but may not do this. CASL's own class. */
export { ForbiddenError };

/**
 * 404: the actor may not see the object, so the answer is the same as for one that does not exist
 * (existence does not leak across tenants or to roles that cannot read it).
 */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly subjectType: string;

  constructor(subjectType: string) {
    super(`${subjectType} not found`);
    this.subjectType = subjectType;
  }
}

/**
 * 403 listing the payload fields the actor may not set (mass assignment is refused, never
 * silently dropped). A `ForbiddenError`, so one `instanceof ForbiddenError` catches both.
 */
export class ForbiddenFieldsError extends ForbiddenError<AppAbility> {
  override name = 'ForbiddenFieldsError';
  readonly fields: readonly string[];

  constructor(ability: AppAbility, action: Action, subjectType: string, fields: readonly string[]) {
    super(ability);
    this.action = action;
    this.subjectType = subjectType;
    this.fields = fields;
    this.setMessage(`not allowed to ${action} these fields of ${subjectType}: ${fields.join(', ')}`);
  }
}

export interface AccessHttpError {
  status: 403 | 404;
  code: 'forbidden' | 'not_found';
  message: string;
}

/** Maps this package's errors to an HTTP answer for the admin API's error mapper; null otherwise. */
export function accessErrorToHttp(error: unknown): AccessHttpError | null {
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof ForbiddenError) return { status: 403, code: 'forbidden', message: error.message };
  return null;
}
