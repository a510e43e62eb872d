/**
 * Errors an HTTP layer maps to a status without saying more than the status: a failed login is
 * always `InvalidCredentials`, whether the tenant, the user or the password was wrong.
 */
export class IdentityError extends Error {
  /** Stable machine-readable code for the response body. */
  readonly code: string;
  /** The HTTP status this error should become. */
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

/** Unknown tenant, unknown user, wrong password, disabled account or suspended tenant: 401. */
export class InvalidCredentials extends IdentityError {
  constructor() {
    super('invalid_credentials', 401, 'Invalid credentials');
  }
}

/** Too many login attempts for this account or from this address: 429 with Retry-After. */
export class AccountLocked extends IdentityError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', 429, 'Too many login attempts');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The tenant requires SAML sign-in; password login is refused: 403. */
export class SsoRequired extends IdentityError {
  constructor() {
    super('sso_required', 403, 'This organisation signs in with single sign-on');
  }
}

/** A malformed, unknown, expired, revoked or badly signed token: 401. */
export class InvalidToken extends IdentityError {
  constructor() {
    super('invalid_token', 401, 'Invalid or expired token');
  }
}

/**
 * A refresh token was presented a second time: its whole family (the session) has been revoked.
 * 401, like any invalid token; the distinct class lets the caller log a security event.
 */
export class TokenReused extends IdentityError {
  constructor() {
    super('invalid_token', 401, 'Invalid or expired token');
  }
}

/** A malformed, unknown, wrong-tenant, expired or revoked API key: 401. */
export class InvalidApiKey extends IdentityError {
  constructor() {
    super('invalid_api_key', 401, 'Invalid API key');
  }
}

/** A valid API key that lacks a permission the request needs: 403. */
export class InsufficientScope extends IdentityError {
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    super('insufficient_scope', 403, 'The API key lacks a required permission');
    this.missing = missing;
  }
}

/** Input that breaks a rule (password length, email, scope names): 400. */
export class InvalidIdentityInput extends IdentityError {
  constructor(message: string) {
    super('invalid_input', 400, message);
  }
}

/** An unknown (or other tenant's) user or key in an admin operation: 404. */
export class IdentityNotFound extends IdentityError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found`);
  }
}

/** A unique rule would be broken (an email or SSO subject already in use): 409. */
export class IdentityConflict extends IdentityError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}
