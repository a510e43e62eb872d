import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** The only algorithms access tokens are signed or verified with. */
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

export interface VerificationKey {
  kid: string;
  alg: TokenAlgorithm;
  publicKey: KeyObject;
}

export interface SigningKey extends VerificationKey {
  privateKey: KeyObject;
}

/** EdDSA for Ed25519 keys, ES256 for P-256 keys; any other key is refused. */
export function keyAlgorithm(key: KeyObject): TokenAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error('access-token keys must be Ed25519 or P-256');
}

/** The public half of a key (a public key as is). */
const asPublic = (key: KeyObject): KeyObject => (key.type === 'public' ? key : createPublicKey(key));

/** The public JWK with only its required members (no private part, ever). */
export function publicJwk(key: KeyObject): JsonWebKey {
  const jwk = asPublic(key).export({ format: 'jwk' });
  return jwk.kty === 'OKP'
    ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
    : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
}

/** RFC 7638 thumbprint of the public key: a `kid` that cannot name two different keys. */
export function keyId(key: KeyObject): string {
  // The required members, in lexicographic order (which publicJwk already uses).
  return createHash('sha256')
    .update(JSON.stringify(publicJwk(key)))
    .digest('base64url');
}

export interface SigningKeysInput {
  /** `AUTH_JWT_PRIVATE_KEY`: signs new tokens. */
  privateKey: KeyObject;
  /** `AUTH_JWT_PREVIOUS_PUBLIC_KEYS`: still accepted while tokens they signed may be alive. */
  previousPublicKeys?: readonly KeyObject[];
}

/**
 * The current signing key and every key tokens are verified with, each under its thumbprint `kid`.
 * Rotation: make a new private key current and list the old public key as previous for at least
 * one access-token lifetime.
 */
export function createSigningKeys({ privateKey, previousPublicKeys = [] }: SigningKeysInput) {
  if (privateKey.type !== 'private') throw new Error('the signing key must be a private key');
  const publicKey = asPublic(privateKey);
  const current: SigningKey = { kid: keyId(publicKey), alg: keyAlgorithm(privateKey), publicKey, privateKey };
  const verification = new Map<string, VerificationKey>([[current.kid, current]]);
  for (const previous of previousPublicKeys) {
    const key = asPublic(previous);
    const kid = keyId(key);
    if (!verification.has(kid)) verification.set(kid, { kid, alg: keyAlgorithm(key), publicKey: key });
  }
  return {
    current,
    /** The verification key with this `kid`, if it is current or previous. */
    find(kid: string): VerificationKey | undefined {
      return verification.get(kid);
    },
    /** A JWK Set of every accepted public key, for a `/.well-known/jwks.json` route. */
    jwks(): { keys: (JsonWebKey & { kid: string; alg: TokenAlgorithm; use: 'sig' })[] } {
      return {
        keys: [...verification.values()].map((k) => ({
          ...publicJwk(k.publicKey),
          kid: k.kid,
          alg: k.alg,
          use: 'sig' as const,
        })),
      };
    },
  };
}

export type SigningKeys = ReturnType<typeof createSigningKeys>;
