import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadApiConfig } from './api.config.ts';

/** The secrets the API cannot start without: fresh ones, never fixed. */
function requiredEnv(): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    ELARA_SECRETS_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_PRIVATE_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
    AUTH_API_KEY_PEPPER: randomBytes(32).toString('base64'),
  };
}

describe('shutdown settings', () => {
  it('default to no drain and a 15 s deadline', () => {
    const config = loadApiConfig(requiredEnv());
    expect(config).toMatchObject({ SHUTDOWN_DRAIN_SECONDS: 0, SHUTDOWN_TIMEOUT_SECONDS: 15 });
  });

  it('refuse a drain that leaves no time before the deadline', () => {
    const env = { ...requiredEnv(), SHUTDOWN_DRAIN_SECONDS: '10', SHUTDOWN_TIMEOUT_SECONDS: '10' };
    expect(() => loadApiConfig(env)).toThrow(/SHUTDOWN_DRAIN_SECONDS: must be shorter/);
  });

  it('refuse a deadline under one second or a negative drain', () => {
    expect(() => loadApiConfig({ ...requiredEnv(), SHUTDOWN_TIMEOUT_SECONDS: '0' })).toThrow(
      /SHUTDOWN_TIMEOUT_SECONDS/,
    );
    expect(() => loadApiConfig({ ...requiredEnv(), SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(
      /SHUTDOWN_DRAIN_SECONDS/,
    );
  });
});
