import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import type { HclBody, TerraformFinding, TerraformFile, TerraformModule } from './terraform-check.types.ts';

/** Files in HCL syntax: configuration, variable files and backend configs, and their `.example` copies. */
const HCL_FILE = /\.(tf|tfvars|hcl)(\.example)?$/;
const SKIPPED_DIRS = new Set(['.terraform', 'node_modules']);

export interface TerraformTree {
  /** Every HCL file that parsed, `.tf` or not. */
  files: TerraformFile[];
  /** One per directory holding `.tf` files. */
  modules: TerraformModule[];
  /** One `parse` finding per file HCL could not parse. */
  parseFindings: TerraformFinding[];
}

/** Parses one HCL file, or returns the parser's message and the line it names. */
export async function parseHcl(
  file: string,
  text: string,
): Promise<{ body: HclBody } | { error: TerraformFinding }> {
  try {
    return { body: (await parse(path.basename(file), text)) as HclBody };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = Number(/:(\d+),\d+/.exec(message)?.[1] ?? 1);
    return { error: { file, line, rule: 'parse', message } };
  }
}

/** Groups parsed files into modules: the `.tf` files of each directory. */
export function groupModules(files: TerraformFile[]): TerraformModule[] {
  const byDir = new Map<string, TerraformFile[]>();
  for (const file of files.filter((f) => f.path.endsWith('.tf'))) {
    const dir = path.dirname(file.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  return [...byDir].map(([dir, moduleFiles]) => ({ dir, files: moduleFiles }));
}

function hclFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : hclFilesUnder(full);
      return HCL_FILE.test(entry.name) ? [full] : [];
    });
}

/** Reads and parses every HCL file under `root`. */
export async function loadTerraformTree(root: string): Promise<TerraformTree> {
  const files: TerraformFile[] = [];
  const parseFindings: TerraformFinding[] = [];
  for (const file of hclFilesUnder(path.resolve(root))) {
    const text = readFileSync(file, 'utf8');
    const parsed = await parseHcl(file, text);
    if ('error' in parsed) parseFindings.push(parsed.error);
    else files.push({ path: file, text, body: parsed.body });
  }
  return { files, modules: groupModules(files), parseFindings };
}
