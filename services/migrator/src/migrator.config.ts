import { z } from 'zod';
import { databaseEnv, logEnv, parseEnv } from '@elara/config/env';

export const MIGRATOR_COMMANDS = ['migrate', 'wait'] as const;
export type MigratorCommand = (typeof MIGRATOR_COMMANDS)[number];

const migrateEnv = logEnv.extend({
  /** The owner role (owns the schema, runs DDL). Required: no default connection, ever. */
  DATABASE_OWNER_URL: z.url(),
});

const waitEnv = logEnv
  // The same variable and default as the services the wait guards: it checks their database.
  .extend(databaseEnv.pick({ DATABASE_URL: true }).shape)
  .extend({
    /** Give up (exit 1) when the schema is still behind after this long. */
    MIGRATION_WAIT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    /** Pause between two looks at `schema_migrations`. */
    MIGRATION_WAIT_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  });

export type MigratorConfig = ReturnType<typeof loadMigratorConfig>;
export type MigrateConfig = Extract<MigratorConfig, { command: 'migrate' }>;
export type WaitConfig = Extract<MigratorConfig, { command: 'wait' }>;

export function isMigratorCommand(value: string | undefined): value is MigratorCommand {
  return (MIGRATOR_COMMANDS as readonly (string | undefined)[]).includes(value);
}

/** The configuration `command` needs, validated once; throws naming every bad variable. */
export function loadMigratorConfig(command: MigratorCommand, env: NodeJS.ProcessEnv) {
  return command === 'migrate'
    ? { command, ...parseEnv(migrateEnv, env) }
    : { command, ...parseEnv(waitEnv, env) };
}
