import { describe, expect, it } from 'vitest';
import { isMigratorCommand, loadMigratorConfig } from './migrator.config.ts';

const OWNER_URL = 'postgres://elara_owner:s3cret-pw@db.internal:5432/elara';

describe('loadMigratorConfig', () => {
  it('migrate needs the owner connection and has no default for it', () => {
    expect(() => loadMigratorConfig('migrate', {})).toThrow(/DATABASE_OWNER_URL/);
    expect(loadMigratorConfig('migrate', { DATABASE_OWNER_URL: OWNER_URL })).toMatchObject({
      command: 'migrate',
      DATABASE_OWNER_URL: OWNER_URL,
      LOG_LEVEL: 'info',
    });
  });

  it('wait defaults to five minutes and the services’ DATABASE_URL default', () => {
    expect(loadMigratorConfig('wait', {})).toMatchObject({
      command: 'wait',
      DATABASE_URL: 'postgres://elara_app@127.0.0.1:5432/elara',
      MIGRATION_WAIT_TIMEOUT_SECONDS: 300,
      MIGRATION_WAIT_POLL_MS: 2_000,
    });
    expect(loadMigratorConfig('wait', { MIGRATION_WAIT_TIMEOUT_SECONDS: '30' })).toMatchObject({
      MIGRATION_WAIT_TIMEOUT_SECONDS: 30,
    });
  });

  it('rejects a bad timeout or URL, naming the variable and never echoing a value', () => {
    expect(() => loadMigratorConfig('wait', { MIGRATION_WAIT_TIMEOUT_SECONDS: '0' })).toThrow(
      /MIGRATION_WAIT_TIMEOUT_SECONDS/,
    );
    expect(() => loadMigratorConfig('wait', { MIGRATION_WAIT_TIMEOUT_SECONDS: 'soon' })).toThrow(
      /MIGRATION_WAIT_TIMEOUT_SECONDS/,
    );
    const bad = 'not a url s3cret-pw';
    expect(() => loadMigratorConfig('migrate', { DATABASE_OWNER_URL: bad })).toThrow(/DATABASE_OWNER_URL/);
    expect(() => loadMigratorConfig('migrate', { DATABASE_OWNER_URL: bad })).not.toThrow(/s3cret/);
  });

  it('knows its two commands only', () => {
    expect(['migrate', 'wait', 'up', undefined].map(isMigratorCommand)).toEqual([true, true, false, false]);
  });
});
