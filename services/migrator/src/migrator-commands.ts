import { migrateDatabase } from '@elara/db/migrate';
import type { Logger } from '@elara/logger/logger';
import type { MigrateConfig, WaitConfig } from './migrator.config.ts';
import { shippedSchemaVersion } from './shipped-schema-version.ts';
import { waitForSchema } from './wait-for-schema.ts';

/** `migrate`: applies the shipped migrations as the owner role (several pods at once is safe). */
export async function runMigrate(config: MigrateConfig, logger: Logger): Promise<void> {
  const { applied, version } = await migrateDatabase(config.DATABASE_OWNER_URL);
  logger.info(
    { applied, schemaVersion: version },
    applied.length ? 'migrations applied' : 'schema already up to date',
  );
}

/** `wait`: returns once the app role's database is at least at the version this build ships. */
export async function runWait(config: WaitConfig, logger: Logger): Promise<void> {
  const target = shippedSchemaVersion();
  const { version, waitedMs } = await waitForSchema({
    databaseUrl: config.DATABASE_URL,
    target,
    timeoutMs: config.MIGRATION_WAIT_TIMEOUT_SECONDS * 1000,
    pollMs: config.MIGRATION_WAIT_POLL_MS,
    logger,
  });
  logger.info({ schemaVersion: version, target, waitedMs }, 'schema is up to date');
}
