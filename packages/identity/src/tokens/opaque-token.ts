import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Opaque credentials: `<prefix>_<id>_<secret>`, where the id is a UUID written as 32 hex digits
 * (it finds the row) and the secret is 32 random bytes in base64url (43 characters, 256 bits).
 * Refresh tokens use the prefix `ert`, API keys `elk`; the prefix makes a leaked one easy to spot
 * (secret scanners, logs) and keeps one kind from being accepted as the other.
 */
export type OpaquePrefix = 'ert' | 'elk';

export interface OpaqueToken {
  /** The row id, as a UUID. */
  id: string;
  secret: string;
  /** What the client holds. */
  token: string;
}

const SECRET_BYTES = 32;
const PATTERN = /^([a-z]{3})_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const toUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function formatOpaqueToken(prefix: OpaquePrefix, id: string, secret: string): string {
  return `${prefix}_${id.replaceAll('-', '')}_${secret}`;
}

/** A new id and secret; the secret is shown once and stored only as a hash. */
export function newOpaqueToken(prefix: OpaquePrefix): OpaqueToken {
  const id = randomUUID();
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, secret, token: formatOpaqueToken(prefix, id, secret) };
}

/** The id and secret of a well-formed token of this kind, else null. */
export function parseOpaqueToken(prefix: OpaquePrefix, token: unknown): OpaqueToken | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const match = PATTERN.exec(token);
  if (!match || match[1] !== prefix) return null;
  return { id: toUuid(match[2]!), secret: match[3]!, token };
}

/** Equal-length digests compared in constant time. */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
