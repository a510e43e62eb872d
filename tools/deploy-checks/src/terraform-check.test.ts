import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTerraformSources, checkTerraformTree, formatFindings } from './terraform-check.ts';
import { VERSIONS } from './terraform.fixtures.ts';

describe('checkTerraformSources', () => {
  it('reports a parse error with the line HCL names', async () => {
    const findings = await checkTerraformSources({ '/tf/m/main.tf': 'locals {\n  a = \n}\n' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: '/tf/m/main.tf', line: 2, rule: 'parse' });
    expect(findings[0]!.message).toContain('Invalid expression');
  });
});

describe('checkTerraformTree', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'terraform-check-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  write('modules/child/versions.tf', VERSIONS);
  write(
    'modules/child/variables.tf',
    'variable "name" {\n  type        = string\n  description = "Name."\n}\n',
  );
  write('env/versions.tf', VERSIONS);
  write('env/main.tf', 'module "child" {\n  source = "../modules/child"\n\n  name = var.name\n}\n');
  // Provider caches and lock files are not configuration.
  write('env/.terraform/modules/x/main.tf', 'this is not HCL {');

  it('resolves module sources on disk and names files relative to the root', async () => {
    const findings = await checkTerraformTree(root);
    expect(formatFindings(findings)).toBe('env/main.tf:4 [reference] var.name is not a declared variable');
  });

  it('reports files that do not parse and still checks the others', async () => {
    write('env/broken.tf', 'resource "a" {\n');
    const findings = await checkTerraformTree(root);
    expect(findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      'env/broken.tf parse',
      'env/main.tf reference',
    ]);
    rmSync(path.join(root, 'env/broken.tf'));
  });
});
