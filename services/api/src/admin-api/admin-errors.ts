import { accessErrorToHttp } from '@elara/access-control/errors';
import { AuditExportTooLargeError, AuditInputError } from '@elara/audit-log/errors';
import { IdentityError } from '@elara/identity/errors';
import { SamlConfigError } from '@elara/saml-sso/config';
import { SamlRejected } from '@elara/saml-sso/sso';
import { ApiError } from './api-errors.ts';

/** An error with its own HTTP status and code (identity, tenant-admin, SAML errors). */
function statusError(error: unknown): ApiError | null {
  const candidate = error as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status > 499) return null;
  const code = typeof candidate.code === 'string' ? candidate.code : 'bad_request';
  return new ApiError(candidate.status, code, String(candidate.message ?? 'request refused'));
}

/** Maps the domain packages' errors to API errors; anything unknown stays a 500. */
export function mapAdminError(error: unknown): ApiError | null {
  const access = accessErrorToHttp(error);
  if (access) return new ApiError(access.status, access.code, access.message);
  if (error instanceof IdentityError) return new ApiError(error.status, error.code, error.message);
  if (error instanceof AuditInputError) return new ApiError(400, 'validation_failed', error.message);
  // Which check failed is logged in the audit log, not told to the browser.
  if (error instanceof SamlRejected)
    return new ApiError(401, 'sso_rejected', 'the sign-in response was not accepted');
  if (error instanceof SamlConfigError) return new ApiError(400, 'invalid_sso_config', error.message);
  if (error instanceof AuditExportTooLargeError) return new ApiError(422, 'export_too_large', error.message);
  return statusError(error);
}
