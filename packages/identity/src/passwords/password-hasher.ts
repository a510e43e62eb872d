import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Version } from '@node-rs/argon2';
import { normalizePassword } from './password-policy.ts';

/** argon2id parameters; memory in KiB. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// The package's `Algorithm` and `Version` are ambient const enums, which isolatedModules cannot
// read; these are their values (Argon2id = 2, V0x13 = 1).
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;
const OUTPUT_LENGTH = 32;

export interface PasswordCheck {
  valid: boolean;
  /** The stored hash uses other parameters than today's: store `hash(password)` again. */
  needsRehash: boolean;
}

/**
 * Hashing and verifying passwords with argon2id. `verify(null, password)` checks against a dummy
 * hash with the same parameters, so an unknown user costs as long as a known one.
 */
export function createPasswordHasher(params: Argon2Params = OWASP_ARGON2ID) {
  const options = { ...params, algorithm: ARGON2ID, version: VERSION_0X13, outputLen: OUTPUT_LENGTH };
  // Started now so the first unknown-user login is not faster than the rest.
  const dummyHash = hash(randomBytes(32).toString('base64url'), options);
  dummyHash.catch(() => undefined);

  const needsRehash = (stored: string): boolean => {
    try {
      const used = parseOptions(stored);
      return (
        used.algorithm !== ARGON2ID ||
        used.version !== VERSION_0X13 ||
        used.memoryCost !== params.memoryCost ||
        used.timeCost !== params.timeCost ||
        used.parallelism !== params.parallelism ||
        used.outputLen !== OUTPUT_LENGTH
      );
    } catch {
      return true;
    }
  };

  return {
    /** A PHC string (`$argon2id$v=19$m=…`) with a fresh random salt. */
    hash(password: string): Promise<string> {
      return hash(normalizePassword(password), options);
    },

    /**
     * Constant-time check of `password` against `stored`; with no stored hash (unknown user,
     * SSO-only user) it verifies against the dummy hash and answers invalid.
     */
    async verify(stored: string | null, password: string): Promise<PasswordCheck> {
      const input = normalizePassword(password);
      if (stored === null) {
        await verify(await dummyHash, input).catch(() => false);
        return { valid: false, needsRehash: false };
      }
      const valid = await verify(stored, input).catch(() => false);
      return { valid, needsRehash: valid && needsRehash(stored) };
    },

    needsRehash,
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
