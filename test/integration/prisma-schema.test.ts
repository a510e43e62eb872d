import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Table → columns, as the Prisma schema maps them (relation fields left out). */
function prismaTables(schema: string): Map<string, string[]> {
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]!));
  const tables = new Map<string, string[]>();
  for (const [, name, body] of models) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const columns: string[] = [];
    for (const line of body!.split('\n')) {
      const field = /^\s+(\w+)\s+([\w[\]?]+)(.*)$/.exec(line);
      if (!field || modelNames.has(field[2]!.replace(/[[\]?]/g, ''))) continue;
      columns.push(/@map\("([^"]+)"\)/.exec(field[3]!)?.[1] ?? field[1]!);
    }
    tables.set(table, columns.sort());
  }
  return tables;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('the Prisma schema', () => {
  it('maps exactly the columns of every migrated table', async () => {
    const schema = readFileSync(
      fileURLToPath(new URL('../../packages/db/prisma/schema.prisma', import.meta.url)),
      'utf8',
    );
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; columns: string[] }>(
      `SELECT table_name, array_agg(column_name::text ORDER BY column_name) AS columns
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
        GROUP BY table_name`,
    );
    await client.end();
    const database = new Map(rows.map((r) => [r.table_name, [...r.columns].sort()]));
    expect(Object.fromEntries(prismaTables(schema))).toEqual(Object.fromEntries(database));
  });
});
