import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { InvalidToken } from '../identity.errors.ts';
import { isTenantRole, PLATFORM_ROLE, type Role, type Subject } from '../identity.types.ts';
import { TOKEN_ALGORITHMS, type SigningKeys } from './signing-keys.ts';

/** The JOSE `typ` header of access tokens (RFC 9068), checked on every verification. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const MAX_TOKEN_LENGTH = 4096;
const MAX_CLOCK_TOLERANCE_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a verified access token says. */
export interface AccessTokenClaims {
  /** The tenant user's or platform admin's id. */
  sub: string;
  /** The tenant, or null for a platform admin. */
  tid: string | null;
  role: Role;
  /** The session (refresh-token family) it was issued in. */
  sid: string;
  jti: string;
  typ: 'access';
  iat: number;
  exp: number;
}

export interface AccessTokenOptions {
  keys: SigningKeys;
  /** `AUTH_JWT_ISSUER` */
  issuer: string;
  /** `AUTH_JWT_AUDIENCE` */
  audience: string;
  /** `AUTH_ACCESS_TOKEN_TTL_SECONDS`; 10 minutes by default. */
  ttlSeconds?: number;
  /** Allowed clock skew between servers, at most 30 s; 10 s by default. */
  clockToleranceSeconds?: number;
  /** The clock; a seam for tests. */
  now?: () => Date;
}

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
  expiresAt: Date;
}

/** Short-lived access tokens: JWTs signed with the current key, verified against an allow-list. */
export function createAccessTokens(options: AccessTokenOptions) {
  const { keys, issuer, audience } = options;
  const ttlSeconds = options.ttlSeconds ?? 600;
  const clockTolerance = Math.min(options.clockToleranceSeconds ?? 10, MAX_CLOCK_TOLERANCE_SECONDS);
  const now = options.now ?? (() => new Date());

  // Picks the key by `kid` and insists that the header's algorithm is that key's: the token never
  // chooses how it is checked (no `none`, no HMAC keyed with a public key, no algorithm swap).
  const keyFor = (header: JWTHeaderParameters) => {
    const key = typeof header.kid === 'string' ? keys.find(header.kid) : undefined;
    if (!key || key.alg !== header.alg) throw new InvalidToken();
    return key.publicKey;
  };

  return {
    /** Signs an access token for `subject` in session `sessionId`. */
    async issue(input: { subject: Subject; role: Role; sessionId: string }): Promise<IssuedAccessToken> {
      const { subject, role, sessionId } = input;
      const issuedAt = Math.floor(now().getTime() / 1000);
      const tid = subject.kind === 'tenant_user' ? subject.tenantId : null;
      const sub = subject.kind === 'tenant_user' ? subject.userId : subject.adminId;
      if (tid === null ? role !== PLATFORM_ROLE : !isTenantRole(role))
        throw new Error('role does not match the subject');
      const token = await new SignJWT({ tid, role, sid: sessionId, typ: 'access' })
        .setProtectedHeader({ alg: keys.current.alg, kid: keys.current.kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(keys.current.privateKey);
      return { token, expiresIn: ttlSeconds, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
    },

    /** The claims of a valid access token; `InvalidToken` for anything else, whatever the reason. */
    async verify(token: string): Promise<AccessTokenClaims> {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new InvalidToken();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keyFor, {
          algorithms: [...TOKEN_ALGORITHMS],
          issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          clockTolerance,
          maxTokenAge: ttlSeconds,
          requiredClaims: ['sub', 'tid', 'role', 'sid', 'jti', 'typ', 'iat', 'nbf', 'exp'],
          currentDate: now(),
        }));
      } catch {
        throw new InvalidToken();
      }
      return claimsOf(payload);
    },

    /** The public keys tokens are verified with, as a JWK Set. */
    jwks: () => keys.jwks(),
  };
}

function claimsOf(payload: Record<string, unknown>): AccessTokenClaims {
  const { sub, tid, role, sid, jti, typ, iat, exp } = payload;
  const tenantOk =
    tid === null ? role === PLATFORM_ROLE : typeof tid === 'string' && UUID.test(tid) && isTenantRole(role);
  if (
    !tenantOk ||
    typ !== 'access' ||
    typeof sub !== 'string' ||
    !UUID.test(sub) ||
    typeof sid !== 'string' ||
    !UUID.test(sid) ||
    typeof jti !== 'string' ||
    typeof iat !== 'number' ||
    typeof exp !== 'number'
  )
    throw new InvalidToken();
  return { sub, tid: tid as string | null, role: role as Role, sid, jti, typ, iat, exp };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
