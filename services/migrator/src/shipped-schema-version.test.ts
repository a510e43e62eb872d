import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR } from '@elara/db/migrate';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedSchemaVersion } from './shipped-schema-version.ts';

const dirs: string[] = [];
function migrationsDir(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'elara-migrations-'));
  for (const file of files) writeFileSync(path.join(dir, file), '-- test\n');
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('shippedSchemaVersion', () => {
  it('is the highest forward migration number, ignoring undo files and anything else', () => {
    const dir = migrationsDir([
      '001.do.first.sql',
      '009.do.ninth.sql',
      '010.do.tenth.sql',
      '011.undo.tenth.sql',
      '012.do.draft.sql.bak',
      'README.md',
    ]);
    expect(shippedSchemaVersion(dir)).toBe(10);
  });

  it('refuses a folder without migrations rather than waiting for version 0', () => {
    expect(() => shippedSchemaVersion(migrationsDir(['README.md']))).toThrow(/no migrations/);
  });

  it('reads the migrations this build ships by default', () => {
    const version = shippedSchemaVersion();
    expect(version).toBeGreaterThanOrEqual(10);
    expect(readdirSync(MIGRATIONS_DIR)).toContainEqual(
      expect.stringMatching(new RegExp(`^0*${version}\\.do\\.`)),
    );
  });
});
