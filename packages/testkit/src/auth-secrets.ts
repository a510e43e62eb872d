import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** Fresh signing key and API-key pepper for a test or benchmark stack (never shared, never fixed). */
export function generateAuthSecrets(): { AUTH_JWT_PRIVATE_KEY: string; AUTH_API_KEY_PEPPER: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    AUTH_JWT_PRIVATE_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
    AUTH_API_KEY_PEPPER: randomBytes(32).toString('base64'),
  };
}
