import { readdirSync } from 'node:fs';
import { MIGRATIONS_DIR } from '@elara/db/migrate';

/** postgrator's forward migrations: `NNN.do.name.sql`. */
const FORWARD_MIGRATION = /^(\d+)\.do\.[^/]*\.sql$/;

/**
 * The schema version this build ships: the highest migration number in `dir`. An image must not
 * start against a database older than that.
 */
export function shippedSchemaVersion(dir: string = MIGRATIONS_DIR): number {
  const versions = readdirSync(dir).flatMap((file) => {
    const match = FORWARD_MIGRATION.exec(file);
    return match ? [Number(match[1])] : [];
  });
  if (versions.length === 0) throw new Error(`no migrations (NNN.do.name.sql) in ${dir}`);
  return Math.max(...versions);
}
