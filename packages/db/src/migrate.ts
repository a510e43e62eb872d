import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Postgrator from 'postgrator';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface MigrationResult {
  applied: string[];
  version: number;
}

/** Applies the SQL migrations in packages/db/migrations, as the owner role. Safe to run concurrently. */
export async function migrateDatabase(ownerUrl: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'elara-migrate' });
  await client.connect();
  try {
    // One migrator at a time across pods; the lock is released with the session.
    await client.query('SELECT pg_advisory_lock(727001)');
    const postgrator = new Postgrator({
      migrationPattern: `${MIGRATIONS_DIR}/*.sql`,
      driver: 'pg',
      schemaTable: 'schema_migrations',
      execQuery: (query) => client.query(query),
    });
    const applied = await postgrator.migrate();
    return {
      applied: applied.map((m) => path.basename(m.filename)),
      version: Number(await postgrator.getDatabaseVersion()),
    };
  } finally {
    await client.end();
  }
}
