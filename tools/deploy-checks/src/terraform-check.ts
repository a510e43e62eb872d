import path from 'node:path';
import type { TerraformFinding, TerraformFile } from './terraform-check.types.ts';
import { groupModules, loadTerraformTree, parseHcl } from './terraform-files.ts';
import { checkFormatting } from './terraform-format.ts';
import { checkInterfaces, checkModuleCalls, checkProviderPins } from './terraform-modules.ts';
import { checkReferences, checkVariableFiles } from './terraform-references.ts';
import { checkEncryption, checkHardcodedSecrets } from './terraform-security.ts';

export type {
  TerraformFinding,
  TerraformFile,
  TerraformModule,
  TerraformRule,
} from './terraform-check.types.ts';
export { blocks, nested, plainBlocks, type Block } from './terraform-blocks.ts';
export { loadTerraformTree } from './terraform-files.ts';

/**
 * Every offline check over parsed HCL files: formatting, module interfaces and calls, references,
 * provider pins, hard-coded secrets and encryption of stored data. `files` may include
 * `.tfvars` and backend `.hcl` files; modules are made of the `.tf` files of each directory.
 */
export function checkTerraformFiles(files: TerraformFile[]): TerraformFinding[] {
  const modules = groupModules(files);
  return [
    ...files.flatMap((file) => [...checkFormatting(file.path, file.text), ...checkHardcodedSecrets(file)]),
    ...modules.flatMap((module) => [
      ...checkInterfaces(module),
      ...checkModuleCalls(module, modules),
      ...checkReferences(module, modules),
      ...checkProviderPins(module),
      ...checkEncryption(module),
    ]),
    ...checkVariableFiles(files, modules),
  ];
}

/** Parses in-memory sources (`{ '/x/main.tf': '...' }`) and checks them: for snippets in tests. */
export async function checkTerraformSources(sources: Record<string, string>): Promise<TerraformFinding[]> {
  const files: TerraformFile[] = [];
  const findings: TerraformFinding[] = [];
  for (const [file, text] of Object.entries(sources)) {
    const parsed = await parseHcl(file, text);
    if ('error' in parsed) findings.push(parsed.error);
    else files.push({ path: file, text, body: parsed.body });
  }
  return [...findings, ...checkTerraformFiles(files)];
}

/** Every check over every HCL file under `root`; file names in findings are relative to `root`. */
export async function checkTerraformTree(root: string): Promise<TerraformFinding[]> {
  const tree = await loadTerraformTree(root);
  return [...tree.parseFindings, ...checkTerraformFiles(tree.files)].map((f) => ({
    ...f,
    file: path.relative(root, f.file),
  }));
}

/** One line per finding, for assertion messages. */
export function formatFindings(findings: TerraformFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.message}`).join('\n');
}
