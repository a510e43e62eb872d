import { createLogger, type Logger, type LoggerOptions } from '@elara/logger/logger';
import { runMigrate, runWait } from './migrator-commands.ts';
import { isMigratorCommand, loadMigratorConfig, MIGRATOR_COMMANDS } from './migrator.config.ts';

export interface MigratorIo {
  /** Where log lines go; stdout by default (tests pass a stream to read them). */
  destination?: LoggerOptions['destination'];
}

/** Exit codes: 0 done, 1 failed (bad configuration, migration error, wait timed out), 2 usage. */
export async function runMigrator(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: MigratorIo = {},
): Promise<number> {
  const [command] = argv;
  const bootLogger = logger(io, 'info', 'unknown');
  if (!isMigratorCommand(command) || argv.length > 1) {
    bootLogger.error({ argv }, `usage: main.ts <${MIGRATOR_COMMANDS.join('|')}>`);
    return 2;
  }
  let config: ReturnType<typeof loadMigratorConfig>;
  try {
    config = loadMigratorConfig(command, env);
  } catch (error) {
    bootLogger.error(`${command} failed: ${(error as Error).message}`);
    return 1;
  }
  const log = logger(io, config.LOG_LEVEL, config.SERVICE_VERSION).child({ command });
  try {
    if (config.command === 'migrate') await runMigrate(config, log);
    else await runWait(config, log);
    return 0;
  } catch (error) {
    log.error({ err: error }, `${command} failed: ${(error as Error).message}`);
    return 1;
  }
}

function logger(io: MigratorIo, level: string, version: string): Logger {
  return createLogger({ service: 'migrator', level, version, destination: io.destination });
}
