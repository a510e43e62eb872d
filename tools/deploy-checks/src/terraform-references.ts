import path from 'node:path';
import { blocks, expressions, plainBlocks } from './terraform-blocks.ts';
import type { TerraformFinding, TerraformFile, TerraformModule } from './terraform-check.types.ts';
import { requiredProviders, resolveSource, usedProviders } from './terraform-modules.ts';

/*
 * References are found with patterns over hcl2json's expression strings rather than with HCL's
 * traversal API, which misses references inside templates nested in `for` expressions. The
 * patterns can only err towards a false finding (a quoted "var.x" inside an expression), never
 * towards a missed reference.
 */
const NAMED = /(?<![\w.-])(var|local|module|data)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/g;
const RESOURCE = /(?<![\w.-])([a-z][a-z0-9]*)_([a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;

interface Declarations {
  variables: Set<string>;
  locals: Set<string>;
  resources: Set<string>;
  data: Set<string>;
  /** Module call name → the outputs of the module it calls (undefined when not resolvable). */
  modules: Map<string, Set<string> | undefined>;
  providers: Set<string>;
}

function declarations(module: TerraformModule, modules: TerraformModule[]): Declarations {
  const names = (kind: string) => new Set(blocks(module, kind).map((b) => b.labels.join('.')));
  const calls = blocks(module, 'module').map((call): [string, Set<string> | undefined] => {
    const target = resolveSource(module, call.body.source, modules);
    return [call.labels[0]!, target && new Set(blocks(target, 'output').map((o) => o.labels[0]!))];
  });
  return {
    variables: names('variable'),
    locals: new Set(plainBlocks(module, 'locals').flatMap(({ body }) => Object.keys(body))),
    resources: names('resource'),
    data: names('data'),
    modules: new Map(calls),
    providers: new Set([...requiredProviders(module).keys(), ...usedProviders(module)]),
  };
}

/** What is wrong with one reference, or undefined when it names something declared. */
function namedProblem(d: Declarations, kind: string, name: string, member?: string): string | undefined {
  if (kind === 'var' && !d.variables.has(name)) return `var.${name} is not a declared variable`;
  if (kind === 'local' && !d.locals.has(name)) return `local.${name} is not defined in a locals block`;
  if (kind === 'data' && !d.data.has(`${name}.${member}`)) return `data.${name}.${member} is not declared`;
  if (kind !== 'module') return undefined;
  if (!d.modules.has(name)) return `module.${name} is not a module call here`;
  const outputs = d.modules.get(name);
  if (member && outputs && !outputs.has(member))
    return `module.${name}.${member}: the module has no such output`;
  return undefined;
}

function problemsIn(expression: string, d: Declarations): { reference: string; message: string }[] {
  const problems: { reference: string; message: string }[] = [];
  for (const [reference, kind, name, member] of expression.matchAll(NAMED)) {
    const message = namedProblem(d, kind!, name!, member);
    if (message) problems.push({ reference, message });
  }
  for (const [reference, provider, rest, name] of expression.matchAll(RESOURCE)) {
    const address = `${provider}_${rest}.${name}`;
    if (d.providers.has(provider!) && !d.resources.has(address))
      problems.push({ reference, message: `${address} is not a resource of this module` });
  }
  return problems;
}

const lineOf = (file: TerraformFile, text: string) =>
  file.text.slice(0, Math.max(0, file.text.indexOf(text))).split('\n').length;

/** Every `var.`, `local.`, `module.`, `data.` and resource reference names something the module declares. */
export function checkReferences(module: TerraformModule, modules: TerraformModule[]): TerraformFinding[] {
  const d = declarations(module, modules);
  return module.files.flatMap((file) => {
    const seen = new Set<string>();
    return expressions(file.body)
      .flatMap((expression) => problemsIn(expression, d))
      .filter(({ message }) => !seen.has(message) && seen.add(message))
      .map(({ reference, message }) => ({
        file: file.path,
        line: lineOf(file, reference),
        rule: 'reference' as const,
        message,
      }));
  });
}

/** Keys of `*.tfvars` files (and their `.example` copies) are variables of the module beside them. */
export function checkVariableFiles(files: TerraformFile[], modules: TerraformModule[]): TerraformFinding[] {
  return files
    .filter((file) => /\.tfvars(\.example)?$/.test(file.path))
    .flatMap((file) => {
      const module = modules.find((m) => m.dir === path.dirname(file.path));
      const declared = new Set(module ? blocks(module, 'variable').map((v) => v.labels[0]!) : []);
      return Object.keys(file.body)
        .filter((key) => !declared.has(key))
        .map((key) => ({
          file: file.path,
          line: lineOf(file, key),
          rule: 'tfvars' as const,
          message: `"${key}" is not a variable of the module in ${path.dirname(file.path)}`,
        }));
    });
}
