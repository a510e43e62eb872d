import pg from 'pg';

/** What one look at `schema_migrations` saw: the version, or why there is none to read. */
export type SchemaObservation = { version: number } | { version: null; reason: string };

const UNDEFINED_TABLE = '42P01';
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * The version of the newest migration applied to the database at `databaseUrl`. Every failure is
 * an observation, not an error: during a rollout the database may still be starting, or not
 * migrated yet.
 */
export async function observeSchemaVersion(databaseUrl: string): Promise<SchemaObservation> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'elara-migrate-wait',
    connectionTimeoutMillis: 5_000,
    query_timeout: 5_000,
  });
  // A refused or dropped connection is reported by `connect`/`query`; this only keeps it quiet.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version)::int AS version FROM schema_migrations',
    );
    return { version: rows[0]?.version ?? 0 };
  } catch (error) {
    return { version: null, reason: describe(error as Error & { code?: string }) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: Error & { code?: string }): string {
  if (error.code === UNDEFINED_TABLE) return 'schema_migrations does not exist yet';
  if (error.code === INSUFFICIENT_PRIVILEGE)
    return 'schema_migrations is not readable yet (migration 010 grants it to the app role)';
  return `cannot read the schema version: ${error.message || error.name}`;
}
