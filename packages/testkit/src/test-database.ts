import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';

export interface TestDatabase {
  name: string;
  /** As the application role (RLS applies). */
  appUrl: string;
  /** As the owner role (migrations, catalog checks). */
  ownerUrl: string;
  /** As the superuser: only for test set-up that must bypass RLS, never for assertions about it. */
  adminUrl: string;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run tests through vitest (packages/testkit/src/global-setup.ts)`);
  return value;
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = required('TEST_DATABASE_ADMIN_URL');
  const name = `${required('ELARA_TEST_DB_PREFIX')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name, required('ELARA_TEST_TEMPLATE_DB'));
  return {
    name,
    appUrl: withUserAndDatabase(adminUrl, ROLES.app, name),
    ownerUrl: withUserAndDatabase(adminUrl, ROLES.owner, name),
    adminUrl: withUserAndDatabase(adminUrl, new URL(adminUrl).username || 'postgres', name),
    drop: () => dropDatabase(adminUrl, name),
  };
}
