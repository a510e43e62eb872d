import { createHmac, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidToken } from '../identity.errors.ts';
import type { Subject } from '../identity.types.ts';
import { createAccessTokens, type AccessTokenOptions } from './access-tokens.ts';
import { createSigningKeys, keyId } from './signing-keys.ts';

const ed = generateKeyPairSync('ed25519');
const options = {
  keys: createSigningKeys({ privateKey: ed.privateKey }),
  issuer: 'https://elara.test',
  audience: 'elara-admin-api',
} satisfies AccessTokenOptions;
const tokens = createAccessTokens(options);
const subject: Subject = { kind: 'tenant_user', tenantId: randomUUID(), userId: randomUUID() };
const sessionId = randomUUID();
const kid = keyId(ed.publicKey);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: options.issuer,
  aud: options.audience,
  sub: subject.kind === 'tenant_user' ? subject.userId : '',
  tid: subject.kind === 'tenant_user' ? subject.tenantId : null,
  role: 'admin',
  sid: sessionId,
  jti: randomUUID(),
  typ: 'access',
  iat: now(),
  nbf: now(),
  exp: now() + 600,
  ...overrides,
});
/** Signs arbitrary claims with the real key, to show that each check holds on its own. */
const signed = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt', ...header } as { alg: string })
    .sign(ed.privateKey);

describe('access tokens', () => {
  it('round-trips a tenant user’s claims', async () => {
    const issued = await tokens.issue({ subject, role: 'admin', sessionId });
    expect(issued.expiresIn).toBe(600);
    const verified = await tokens.verify(issued.token);
    expect(verified).toMatchObject({
      sub: subject.kind === 'tenant_user' && subject.userId,
      role: 'admin',
      sid: sessionId,
      typ: 'access',
    });
    expect(verified.tid).toBe(subject.kind === 'tenant_user' && subject.tenantId);
    expect(verified.exp - verified.iat).toBe(600);
    const [header] = issued.token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid,
      typ: 'at+jwt',
    });
  });

  it('gives platform admins tid null and the platform role, and refuses mixed-up roles', async () => {
    const admin: Subject = { kind: 'platform_admin', adminId: randomUUID() };
    const issued = await tokens.issue({ subject: admin, role: 'platform_admin', sessionId });
    expect(await tokens.verify(issued.token)).toMatchObject({ tid: null, role: 'platform_admin' });
    await expect(tokens.issue({ subject: admin, role: 'owner', sessionId })).rejects.toThrow();
    await expect(tokens.issue({ subject, role: 'platform_admin', sessionId })).rejects.toThrow();
    // Even correctly signed, a tenant token cannot claim the platform role, nor a platform token a tenant role.
    await expect(tokens.verify(await signed(claims({ role: 'platform_admin' })))).rejects.toThrow(
      InvalidToken,
    );
    await expect(tokens.verify(await signed(claims({ tid: null, role: 'owner' })))).rejects.toThrow(
      InvalidToken,
    );
  });

  it('also signs with P-256 (ES256)', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es = createAccessTokens({ ...options, keys: createSigningKeys({ privateKey: ec.privateKey }) });
    const { token } = await es.issue({ subject, role: 'viewer', sessionId });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg).toBe('ES256');
    expect((await es.verify(token)).role).toBe('viewer');
  });

  describe('attacks', () => {
    // Each attack below changes one thing about this token, which verifies as it stands.
    it('accepts the baseline token the attacks start from', async () => {
      expect((await tokens.verify(await signed(claims()))).role).toBe('admin');
    });

    it('rejects alg "none"', async () => {
      const token = `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}.`;
      await expect(tokens.verify(token)).rejects.toThrow(InvalidToken);
      const noKid = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`;
      await expect(tokens.verify(noKid)).rejects.toThrow(InvalidToken);
    });

    it('rejects HS256 signed with the public key as the HMAC secret', async () => {
      const pem = createPublicKey(ed.privateKey).export({ format: 'pem', type: 'spki' }).toString();
      const jwk = createPublicKey(ed.privateKey).export({ format: 'jwk' });
      for (const secret of [pem, JSON.stringify(jwk), jwk.x!]) {
        const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims())}`;
        const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
        await expect(tokens.verify(token)).rejects.toThrow(InvalidToken);
      }
    });

    it('rejects an expired token, even within a token lifetime of skew', async () => {
      await expect(
        tokens.verify(await signed(claims({ iat: now() - 700, nbf: now() - 700, exp: now() - 100 }))),
      ).rejects.toThrow(InvalidToken);
      const later = createAccessTokens({ ...options, now: () => new Date(Date.now() + 11 * 60_000) });
      const { token } = await tokens.issue({ subject, role: 'admin', sessionId });
      await expect(later.verify(token)).rejects.toThrow(InvalidToken);
    });

    it('rejects a token that is not valid yet (nbf or iat in the future beyond the tolerance)', async () => {
      await expect(tokens.verify(await signed(claims({ nbf: now() + 120 })))).rejects.toThrow(InvalidToken);
      await expect(tokens.verify(await signed(claims({ iat: now() + 120, nbf: now() })))).rejects.toThrow(
        InvalidToken,
      );
      const earlier = createAccessTokens({ ...options, now: () => new Date(Date.now() - 60_000) });
      const { token } = await tokens.issue({ subject, role: 'admin', sessionId });
      await expect(earlier.verify(token)).rejects.toThrow(InvalidToken);
    });

    it('accepts small clock skew (within the tolerance)', async () => {
      const skewed = createAccessTokens({ ...options, now: () => new Date(Date.now() - 5_000) });
      const { token } = await tokens.issue({ subject, role: 'admin', sessionId });
      expect((await skewed.verify(token)).role).toBe('admin');
    });

    it('rejects the wrong audience or issuer', async () => {
      await expect(tokens.verify(await signed(claims({ aud: 'another-api' })))).rejects.toThrow(InvalidToken);
      await expect(tokens.verify(await signed(claims({ iss: 'https://evil.test' })))).rejects.toThrow(
        InvalidToken,
      );
      const other = createAccessTokens({ ...options, audience: 'another-api' });
      await expect(
        other.verify((await tokens.issue({ subject, role: 'admin', sessionId })).token),
      ).rejects.toThrow(InvalidToken);
    });

    it('rejects an unknown kid, a missing kid, and a token signed by another key under our kid', async () => {
      const stranger = generateKeyPairSync('ed25519');
      const foreign = createAccessTokens({
        ...options,
        keys: createSigningKeys({ privateKey: stranger.privateKey }),
      });
      await expect(
        tokens.verify((await foreign.issue({ subject, role: 'admin', sessionId })).token),
      ).rejects.toThrow(InvalidToken);
      const spoofed = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .sign(stranger.privateKey);
      await expect(tokens.verify(spoofed)).rejects.toThrow(InvalidToken);
      await expect(tokens.verify(await signed(claims(), { kid: undefined }))).rejects.toThrow(InvalidToken);
    });

    it('rejects an algorithm other than the key’s (ES256 header on an Ed25519 kid)', async () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
        .sign(ec.privateKey);
      await expect(tokens.verify(token)).rejects.toThrow(InvalidToken);
    });

    it('rejects a tampered payload', async () => {
      const { token } = await tokens.issue({ subject, role: 'viewer', sessionId });
      const [header, payload, signature] = token.split('.');
      const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = `${header}.${b64({ ...body, role: 'owner' })}.${signature}`;
      await expect(tokens.verify(forged)).rejects.toThrow(InvalidToken);
      const otherTenant = `${header}.${b64({ ...body, tid: randomUUID() })}.${signature}`;
      await expect(tokens.verify(otherTenant)).rejects.toThrow(InvalidToken);
    });

    it('rejects missing claims, the wrong typ, and garbage', async () => {
      for (const missing of ['sub', 'tid', 'role', 'sid', 'jti', 'typ', 'exp', 'nbf', 'iat']) {
        const payload = claims();
        delete (payload as Record<string, unknown>)[missing];
        await expect(tokens.verify(await signed(payload)), missing).rejects.toThrow(InvalidToken);
      }
      await expect(tokens.verify(await signed(claims({ typ: 'refresh' })))).rejects.toThrow(InvalidToken);
      await expect(tokens.verify(await signed(claims(), { typ: 'JWT' }))).rejects.toThrow(InvalidToken);
      await expect(tokens.verify(await signed(claims({ sub: 'not-a-uuid' })))).rejects.toThrow(InvalidToken);
      await expect(tokens.verify('not.a.jwt')).rejects.toThrow(InvalidToken);
      await expect(tokens.verify('x'.repeat(10_000))).rejects.toThrow(InvalidToken);
    });
  });

  describe('key rotation', () => {
    it('accepts tokens of a previous key while it is listed, and not after', async () => {
      const next = generateKeyPairSync('ed25519');
      const rotated = createAccessTokens({
        ...options,
        keys: createSigningKeys({ privateKey: next.privateKey, previousPublicKeys: [ed.publicKey] }),
      });
      const old = await tokens.issue({ subject, role: 'admin', sessionId });
      expect((await rotated.verify(old.token)).role).toBe('admin');
      const fresh = await rotated.issue({ subject, role: 'admin', sessionId });
      expect(JSON.parse(Buffer.from(fresh.token.split('.')[0]!, 'base64url').toString()).kid).toBe(
        keyId(next.publicKey),
      );
      const retired = createAccessTokens({
        ...options,
        keys: createSigningKeys({ privateKey: next.privateKey }),
      });
      await expect(retired.verify(old.token)).rejects.toThrow(InvalidToken);
    });

    it('publishes only public key material in the JWK Set', () => {
      const next = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const keys = createSigningKeys({ privateKey: next.privateKey, previousPublicKeys: [ed.publicKey] });
      const { keys: jwks } = keys.jwks();
      expect(jwks.map((k) => k.alg)).toEqual(['ES256', 'EdDSA']);
      for (const jwk of jwks) expect(jwk).not.toHaveProperty('d');
    });

    it('refuses RSA and symmetric keys', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect(() => createSigningKeys({ privateKey: rsa.privateKey })).toThrow(/Ed25519 or P-256/);
      expect(() => createSigningKeys({ privateKey: ed.publicKey })).toThrow(/private key/);
    });
  });
});
