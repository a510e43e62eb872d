import type { HclBody, TerraformFile, TerraformModule } from './terraform-check.types.ts';

/** A block of a module with its labels: `variable "x"` has labels `["x"]`, `resource "t" "n"` has `["t", "n"]`. */
export interface Block {
  file: TerraformFile;
  kind: string;
  labels: string[];
  body: HclBody;
  /** 1-based line of the block's header. */
  line: number;
}

const isBody = (value: unknown): value is HclBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line of the first header `kind "label" ...` in `text`, or 1. */
function headerLine(text: string, kind: string, labels: string[]): number {
  const header = [kind, ...labels.map((l) => `"${escape(l)}"`)].join('\\s+');
  const match = new RegExp(`^[ \\t]*${header}\\s*\\{`, 'm').exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

/** The blocks of one kind: `variable`, `output`, `module` (one label) or `resource`, `data` (two). */
export function blocks(module: TerraformModule, kind: string): Block[] {
  const depth = kind === 'resource' || kind === 'data' ? 2 : 1;
  return module.files.flatMap((file) => collect(file, kind, file.body[kind], depth, []));
}

function collect(
  file: TerraformFile,
  kind: string,
  value: unknown,
  depth: number,
  labels: string[],
): Block[] {
  if (depth === 0) {
    const bodies = Array.isArray(value) ? value.filter(isBody) : [];
    return bodies.map((body) => ({ file, kind, labels, body, line: headerLine(file.text, kind, labels) }));
  }
  if (!isBody(value)) return [];
  return Object.entries(value).flatMap(([label, inner]) =>
    collect(file, kind, inner, depth - 1, [...labels, label]),
  );
}

/** Unlabelled blocks such as `terraform` and `locals`, with their file. */
export function plainBlocks(module: TerraformModule, kind: string): { file: TerraformFile; body: HclBody }[] {
  return module.files.flatMap((file) => {
    const value = file.body[kind];
    return (Array.isArray(value) ? value.filter(isBody) : []).map((body) => ({ file, body }));
  });
}

/** Nested blocks of a body (`body.parameter`, `body.rule`): arrays of bodies in hcl2json's output. */
export function nested(body: HclBody, kind: string): HclBody[] {
  const value = body[kind];
  return Array.isArray(value) ? value.filter(isBody) : [];
}

/** Every expression or template in a value: hcl2json writes them as strings holding `${`. */
export function expressions(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('${') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (isBody(value)) return Object.values(value).flatMap(expressions);
  return [];
}

/** A literal `true` (hcl2json keeps the type; a string attribute may hold `"true"`). */
export const isLiteralTrue = (value: unknown) => value === true || value === 'true';

export { isBody };
