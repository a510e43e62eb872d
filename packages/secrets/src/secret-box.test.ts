import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, withOpenCache } from './secret-box.ts';

const box = createSecretBox(randomBytes(32).toString('base64'));

describe('secret box', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('token-123', 'sender:1');
    expect(sealed).not.toContain('token-123');
    expect(box.open(sealed, 'sender:1')).toBe('token-123');
  });

  it('refuses a ciphertext moved to another row', () => {
    const sealed = box.seal('token-123', 'sender:1');
    expect(() => box.open(sealed, 'sender:2')).toThrow();
  });

  it('refuses a tampered ciphertext and a wrong key', () => {
    const sealed = box.seal('token-123', 'sender:1');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(tampered, 'sender:1')).toThrow();
    expect(() => createSecretBox(randomBytes(32).toString('base64')).open(sealed, 'sender:1')).toThrow();
  });

  it('rejects keys of the wrong size', () => {
    expect(() => createSecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('open cache', () => {
  it('opens once per sealed value and still refuses a ciphertext moved to another row', () => {
    const cached = withOpenCache(box, 2);
    const sealed = box.seal('token-123', 'sender:1');
    expect(cached.open(sealed, 'sender:1')).toBe('token-123');
    expect(cached.open(sealed, 'sender:1')).toBe('token-123');
    expect(() => cached.open(sealed, 'sender:2')).toThrow();
  });
});
