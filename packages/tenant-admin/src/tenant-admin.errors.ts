import {
  accessErrorToHttp,
  ForbiddenError,
  ForbiddenFieldsError,
  NotFoundError,
} from '@elara/access-control/errors';

/** 403 and 404 come from `@elara/access-control`; re-exported so callers need one import. */
export { ForbiddenError, ForbiddenFieldsError, NotFoundError };

/** An error of this package's own, with the HTTP status and stable code it maps to. */
export class TenantAdminError extends Error {
  /** Stable machine-readable code for the response body. */
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending input field; empty for the input as a whole. */
  path: string;
  message: string;
}

/** Input that breaks a rule (format, range, unknown value, bad cursor): 400. */
export class ValidationError extends TenantAdminError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[] = []) {
    super('invalid_input', 400, message);
    this.issues = issues;
  }
}

/** A unique rule or a state rule would be broken (slug or phone number taken, sender in use): 409. */
export class ConflictError extends TenantAdminError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export interface TenantAdminHttpError {
  status: 400 | 403 | 404 | 409;
  code: string;
  message: string;
  /** Validation problems, field by field (400). */
  issues?: readonly ValidationIssue[];
  /** Payload fields the actor may not set (403 on mass assignment). */
  fields?: readonly string[];
}

/**
 * Maps the errors a tenant-admin service throws to an HTTP answer; null for anything else (a
 * 500). Access errors keep `@elara/access-control`'s mapping; refused fields are listed.
 */
export function tenantAdminErrorToHttp(error: unknown): TenantAdminHttpError | null {
  if (error instanceof ValidationError) {
    return { status: 400, code: error.code, message: error.message, issues: error.issues };
  }
  if (error instanceof ConflictError) return { status: 409, code: error.code, message: error.message };
  const access = accessErrorToHttp(error);
  if (!access) return null;
  return error instanceof ForbiddenFieldsError ? { ...access, fields: error.fields } : access;
}
