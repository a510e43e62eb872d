import { describe, expect, it } from 'vitest';
import { databaseEnv, parseEnv, publicUrlEnv, secretsEnv } from './env-fragments.ts';

describe('parseEnv', () => {
  it('applies local defaults', () => {
    expect(parseEnv(databaseEnv, {})).toEqual({
      DATABASE_URL: 'postgres://elara_app@127.0.0.1:5432/elara',
      DATABASE_POOL_MAX: 10,
    });
  });

  it('has no default for secrets, and names a bad variable without echoing its value', () => {
    expect(() => parseEnv(secretsEnv, {})).toThrow(/ELARA_SECRETS_KEY/);
    const attempt = () => parseEnv(secretsEnv, { ELARA_SECRETS_KEY: 'c2hvcnQtc2VjcmV0' });
    expect(attempt).toThrow(/ELARA_SECRETS_KEY: must be 32 bytes/);
    expect(attempt).not.toThrow(/c2hvcnQtc2VjcmV0/);
  });

  it('normalises the public URL without a trailing slash', () => {
    expect(parseEnv(publicUrlEnv, { PUBLIC_BASE_URL: 'https://elara.example.com/' })).toEqual({
      PUBLIC_BASE_URL: 'https://elara.example.com',
    });
  });
});
