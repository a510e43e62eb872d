import pg from 'pg';

/**
 * Local and test set-up that needs a superuser: the three roles and the database. Production
 * creates these once through its own provisioning (see the db README); the app never runs this.
 */
export const ROLES = { owner: 'elara_owner', app: 'elara_app', directory: 'elara_directory' } as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

async function ensureRole(admin: pg.Client, name: string, attributes: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (!rowCount) {
    // Two bootstraps can race (parallel test runs); the loser's duplicate error is harmless.
    await admin.query(`CREATE ROLE ${ident(name)} ${attributes}`).catch((e: { code?: string }) => {
      if (e.code !== '42710' && e.code !== '23505') throw e;
    });
  }
  await admin.query(`ALTER ROLE ${ident(name)} ${attributes}`);
}

/** Creates the roles (idempotent). */
export async function ensureRoles(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727000)');
    const limited = 'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION';
    await ensureRole(admin, ROLES.owner, `LOGIN ${limited}`);
    await ensureRole(admin, ROLES.app, `LOGIN ${limited}`);
    await ensureRole(admin, ROLES.directory, `NOLOGIN ${limited}`);
    // The owner must be able to hand the cross-tenant lookup functions to the directory role.
    await admin.query(`GRANT ${ident(ROLES.directory)} TO ${ident(ROLES.owner)}`);
  } finally {
    await admin.end();
  }
}

/** Creates `database` owned by the owner role if it does not exist, optionally from a template. */
export async function ensureDatabase(
  adminUrl: string,
  database: string,
  template?: string,
): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    const from = template ? ` TEMPLATE ${ident(template)}` : '';
    await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(ROLES.owner)}${from}`);
    return true;
  } finally {
    await admin.end();
  }
}

/** Drops `database`, closing its connections first. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The same connection string with another user and database. */
export function withUserAndDatabase(url: string, user: string, database: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = '';
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
