import pg from 'pg';
import { ensureDatabase, ensureRoles, dropDatabase, withUserAndDatabase, ROLES } from '@elara/db/bootstrap';
import { migrateDatabase } from '@elara/db/migrate';

/*
 * Once per test run: the roles, and a migrated template database that each test file clones
 * (CREATE DATABASE ... TEMPLATE is a file copy: much faster than migrating per file). Names carry
 * this run's pid so concurrent runs never touch each other's databases.
 */
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function dropOrphans(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^elara_(tpl|t)_[0-9]+'",
  );
  await admin.end();
  for (const { datname } of rows) {
    const pid = Number(/^elara_(?:tpl|t)_(\d+)/.exec(datname)?.[1]);
    if (!isAlive(pid)) await dropDatabase(adminUrl, datname);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await ensureRoles(adminUrl);
  await dropOrphans();
  const template = `elara_tpl_${process.pid}`;
  await ensureDatabase(adminUrl, template);
  await migrateDatabase(withUserAndDatabase(adminUrl, ROLES.owner, template));
  process.env.ELARA_TEST_TEMPLATE_DB = template;
  process.env.ELARA_TEST_DB_PREFIX = `elara_t_${process.pid}`;
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  return async () => {
    await dropOrphans();
    await dropDatabase(adminUrl, template);
  };
}
