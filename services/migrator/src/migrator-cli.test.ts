import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { dropDatabase, ensureDatabase, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { MIGRATIONS_DIR } from '@elara/db/migrate';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrator } from './migrator-cli.ts';
import { shippedSchemaVersion } from './shipped-schema-version.ts';

/*
 * The commands as the image runs them, in-process, against the real PostgreSQL: each test gets an
 * empty database (no template, nothing migrated) named like the testkit's, so the run's global
 * teardown drops any a crash leaves behind.
 */
const created: string[] = [];
const adminUrl = requiredEnv('TEST_DATABASE_ADMIN_URL');

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through vitest (packages/testkit global setup)`);
  return value;
}

async function emptyDatabase(): Promise<{ ownerUrl: string; appUrl: string }> {
  const name = `${requiredEnv('ELARA_TEST_DB_PREFIX')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  created.push(name);
  return {
    ownerUrl: withUserAndDatabase(adminUrl, ROLES.owner, name),
    appUrl: withUserAndDatabase(adminUrl, ROLES.app, name),
  };
}
afterAll(() => Promise.all(created.map((name) => dropDatabase(adminUrl, name))));

type LogLine = Record<string, unknown> & { msg: string; level: number };

/** Runs a command, collecting the JSON lines it logs. */
function run(argv: string[], env: Record<string, string>) {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
      done();
    },
  });
  const exitCode = runMigrator(argv, env, { destination });
  return { exitCode, lines };
}

const shippedFiles = readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d+\.do\..+\.sql$/.test(f))
  .sort();

describe('migrate', () => {
  it('applies every shipped migration, then has nothing left to do', async () => {
    const db = await emptyDatabase();
    const first = run(['migrate'], { DATABASE_OWNER_URL: db.ownerUrl });
    expect(await first.exitCode).toBe(0);
    expect(first.lines.at(-1)).toMatchObject({
      msg: 'migrations applied',
      command: 'migrate',
      applied: shippedFiles,
      schemaVersion: shippedSchemaVersion(),
    });
    const again = run(['migrate'], { DATABASE_OWNER_URL: db.ownerUrl });
    expect(await again.exitCode).toBe(0);
    expect(again.lines.at(-1)).toMatchObject({ msg: 'schema already up to date', applied: [] });
  });

  it('is safe when two Job pods run it at once: each migration is applied exactly once', async () => {
    const db = await emptyDatabase();
    const runs = [1, 2].map(() => run(['migrate'], { DATABASE_OWNER_URL: db.ownerUrl }));
    expect(await Promise.all(runs.map((r) => r.exitCode))).toEqual([0, 0]);
    const applied = runs.flatMap((r) => r.lines.at(-1)?.applied as string[]);
    expect(applied.sort()).toEqual(shippedFiles);
  });

  it('fails with exit 1 and a message that says what went wrong', async () => {
    const missing = withUserAndDatabase(adminUrl, ROLES.owner, 'elara_no_such_database');
    const { exitCode, lines } = run(['migrate'], { DATABASE_OWNER_URL: missing });
    expect(await exitCode).toBe(1);
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      msg: expect.stringMatching(/^migrate failed: .*does not exist/),
    });
  });
});

describe('wait', () => {
  it('returns at once, as the app role, on a database already at the shipped version', async () => {
    const db = await emptyDatabase();
    expect(await run(['migrate'], { DATABASE_OWNER_URL: db.ownerUrl }).exitCode).toBe(0);
    const { exitCode, lines } = run(['wait'], { DATABASE_URL: db.appUrl });
    expect(await exitCode).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'schema is up to date', schemaVersion: shippedSchemaVersion() }),
    ]);
  });

  it('blocks until the migrations have run, saying what it sees meanwhile', async () => {
    const db = await emptyDatabase();
    const waiting = run(['wait'], {
      DATABASE_URL: db.appUrl,
      MIGRATION_WAIT_TIMEOUT_SECONDS: '30',
      MIGRATION_WAIT_POLL_MS: '100',
    });
    await expect.poll(() => waiting.lines.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(waiting.lines[0]).toMatchObject({
      msg: 'waiting for migrations',
      schemaVersion: null,
      reason: 'schema_migrations does not exist yet',
      target: shippedSchemaVersion(),
    });
    expect(await run(['migrate'], { DATABASE_OWNER_URL: db.ownerUrl }).exitCode).toBe(0);
    expect(await waiting.exitCode).toBe(0);
    expect(waiting.lines.at(-1)).toMatchObject({ msg: 'schema is up to date' });
  });

  it('gives up with exit 1 after MIGRATION_WAIT_TIMEOUT_SECONDS, and says why', async () => {
    const db = await emptyDatabase();
    const started = Date.now();
    const { exitCode, lines } = run(['wait'], {
      DATABASE_URL: db.appUrl,
      MIGRATION_WAIT_TIMEOUT_SECONDS: '1',
      MIGRATION_WAIT_POLL_MS: '100',
    });
    expect(await exitCode).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      msg: expect.stringMatching(
        /^wait failed: schema still older than version \d+ after 1 s \(schema_migrations does not exist yet\)/,
      ),
    });
  });
});

describe('the command line', () => {
  it('answers an unknown command with the usage and exit 2', async () => {
    const { exitCode, lines } = run(['up'], {});
    expect(await exitCode).toBe(2);
    expect(lines[0]?.msg).toBe('usage: main.ts <migrate|wait>');
  });

  it('fails a bad configuration with exit 1 before touching the database', async () => {
    const { exitCode, lines } = run(['wait'], { MIGRATION_WAIT_TIMEOUT_SECONDS: 'soon' });
    expect(await exitCode).toBe(1);
    expect(lines[0]?.msg).toMatch(/^wait failed: Invalid configuration: MIGRATION_WAIT_TIMEOUT_SECONDS/);
  });
});
