import { InvalidIdentityInput } from '../identity.errors.ts';

/**
 * OWASP ASVS 5 (V6.2): at least 12 characters, at least 64 allowed, and a ceiling so one request
 * cannot make the server hash megabytes. Counted in Unicode code points after NFKC normalisation,
 * which is also what gets hashed, so the same password typed on another keyboard still matches.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Code points of the normalised password. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** Throws `InvalidIdentityInput` for a new password outside the length rule. */
export function assertPasswordPolicy(password: string): void {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH)
    throw new InvalidIdentityInput(`password must have at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    throw new InvalidIdentityInput(`password must have at most ${PASSWORD_MAX_LENGTH} characters`);
}

/** A password presented at login that could never have been set (too long): rejected unhashed. */
export function isPlausiblePassword(password: string): boolean {
  return (
    password.length > 0 &&
    password.length <= PASSWORD_MAX_LENGTH * 4 &&
    passwordLength(password) <= PASSWORD_MAX_LENGTH
  );
}
