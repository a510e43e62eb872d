import { describe, expect, it } from 'vitest';
import { InvalidIdentityInput } from '../identity.errors.ts';
import {
  assertPasswordPolicy,
  isPlausiblePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './password-policy.ts';

describe('password policy', () => {
  it('needs 12 to 128 characters, counted as code points', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(() => assertPasswordPolicy('short-pass1')).toThrow(InvalidIdentityInput);
    expect(() => assertPasswordPolicy('long-enough-1')).not.toThrow();
    expect(() => assertPasswordPolicy('x'.repeat(129))).toThrow(/at most 128/);
    // Twelve emoji are twelve characters, though 24 UTF-16 units.
    expect(() => assertPasswordPolicy('\u{1F511}'.repeat(12))).not.toThrow();
    expect(() => assertPasswordPolicy('\u{1F511}'.repeat(11))).toThrow(/at least 12/);
  });

  it('refuses to hash absurd login input at all', () => {
    expect(isPlausiblePassword('x'.repeat(128))).toBe(true);
    expect(isPlausiblePassword('x'.repeat(1_000_000))).toBe(false);
    expect(isPlausiblePassword('')).toBe(false);
  });
});
