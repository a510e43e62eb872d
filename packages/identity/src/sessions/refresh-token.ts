import { createHash } from 'node:crypto';
import { digestsEqual, newOpaqueToken, parseOpaqueToken, type OpaqueToken } from '../tokens/opaque-token.ts';

/**
 * Refresh tokens: `ert_<32 hex id>_<43 base64url secret>` (256 random bits). The database keeps
 * SHA-256 over the id and secret; the secret's entropy makes a slow hash unnecessary, and binding
 * the id means a hash copied onto another row matches nothing.
 */
export const newRefreshToken = (): OpaqueToken => newOpaqueToken('ert');

export const parseRefreshToken = (token: unknown): OpaqueToken | null => parseOpaqueToken('ert', token);

export function hashRefreshToken({ id, secret }: { id: string; secret: string }): Buffer {
  return createHash('sha256').update(`ert.v1:${id}:${secret}`).digest();
}

export function refreshTokenMatches(token: OpaqueToken, storedHash: Buffer): boolean {
  return digestsEqual(hashRefreshToken(token), storedHash);
}
