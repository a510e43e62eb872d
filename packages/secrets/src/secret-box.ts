import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

/**
 * AES-256-GCM for secrets at rest (provider auth tokens). The associated data binds a ciphertext to
 * its row (e.g. the sender id), so a sealed value copied to another tenant's row does not open.
 */
export function createSecretBox(base64Key: string): SecretBox {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        Buffer.concat([data, cipher.getAuthTag()]).toString('base64'),
      ].join('.');
    },
    open(sealed, associatedData) {
      const [version, ivText, payloadText] = sealed.split('.');
      if (version !== VERSION || !ivText || !payloadText) throw new Error('unrecognised sealed secret');
      const payload = Buffer.from(payloadText, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(payload.subarray(0, payload.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * A box that remembers what it opened (bounded): the worker opens the same sender token for every
 * message. The plaintext is in memory either way (the provider client holds it).
 */
export function withOpenCache(box: SecretBox, maxEntries = 1_000): SecretBox {
  const opened = new Map<string, string>();
  return {
    seal: (plaintext, associatedData) => box.seal(plaintext, associatedData),
    open(sealed, associatedData) {
      const key = `${associatedData}\u0000${sealed}`;
      let plaintext = opened.get(key);
      if (plaintext === undefined) {
        plaintext = box.open(sealed, associatedData);
        if (opened.size >= maxEntries) opened.delete(opened.keys().next().value as string);
        opened.set(key, plaintext);
      }
      return plaintext;
    },
  };
}
