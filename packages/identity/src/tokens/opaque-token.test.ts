import { describe, expect, it } from 'vitest';
import { formatOpaqueToken, newOpaqueToken, parseOpaqueToken } from './opaque-token.ts';

describe('opaque tokens', () => {
  it('carry a UUID id and a 256-bit secret behind a recognisable prefix', () => {
    const token = newOpaqueToken('elk');
    expect(token.token).toMatch(/^elk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.secret, 'base64url')).toHaveLength(32);
    expect(parseOpaqueToken('elk', token.token)).toEqual(token);
    expect(formatOpaqueToken('elk', token.id, token.secret)).toBe(token.token);
  });

  it('refuses the other kind, wrong lengths and anything else', () => {
    const token = newOpaqueToken('ert');
    expect(parseOpaqueToken('elk', token.token)).toBeNull();
    expect(parseOpaqueToken('ert', `${token.token}x`)).toBeNull();
    expect(parseOpaqueToken('ert', token.token.slice(0, -1))).toBeNull();
    expect(parseOpaqueToken('ert', token.token.toUpperCase())).toBeNull();
    expect(parseOpaqueToken('ert', 42)).toBeNull();
    expect(parseOpaqueToken('ert', `${token.token}\n`)).toBeNull();
  });
});
