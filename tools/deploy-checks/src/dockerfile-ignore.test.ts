import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExcluded, listBuildContext, parseDockerignore } from './dockerfile-ignore.ts';

const RULES = parseDockerignore(`
# comments and blank lines are skipped

**/node_modules
/.git
coverage/
*.log
docs/**/*.md
test/**
!test/package.json
packages/*/generated
data/file?.txt
`);

describe('isExcluded', () => {
  it.each([
    ['node_modules', true],
    ['node_modules/pg/index.js', true],
    ['packages/db/node_modules/pg', true],
    ['.git/HEAD', true],
    ['coverage/index.html', true],
    ['packages/db/coverage/index.html', false], // no `**/`: root only
    ['debug.log', true],
    ['packages/db/debug.log', false],
    ['docs/a/b/c.md', true],
    ['docs/c.md', true],
    ['docs/c.txt', false],
    ['test/e2e/a.test.ts', true],
    ['test/package.json', false],
    ['packages/db/generated/client.ts', true],
    ['packages/db/src/generated/client.ts', false],
    ['data/file1.txt', true],
    ['data/file10.txt', false],
    ['packages/db/src/pool.ts', false],
  ])('%s excluded: %s', (file, excluded) => {
    expect(isExcluded(RULES, file)).toBe(excluded);
  });

  it('lets the last matching pattern win', () => {
    const rules = parseDockerignore('!keep.txt\n*.txt\n');
    expect(isExcluded(rules, 'keep.txt')).toBe(true);
  });
});

describe('listBuildContext', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'elara-context-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const file of [
    'a.ts',
    'node_modules/x/i.js',
    'test/package.json',
    'test/e2e/t.ts',
    'packages/p/s.ts',
  ]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }

  it('lists the files Docker would send, walking into excluded folders only for a `!` rule', () => {
    expect(listBuildContext(root, RULES)).toEqual(['a.ts', 'packages/p/s.ts', 'test/package.json']);
  });
});
