import path from 'node:path';
import { blocks, type Block, plainBlocks } from './terraform-blocks.ts';
import type { TerraformFinding, TerraformFile, TerraformModule } from './terraform-check.types.ts';

/*
 * What `terraform validate` would catch first in a configuration nobody can init here: undeclared
 * variables, undocumented interfaces, module calls that do not match the module they call.
 */

/** Arguments of a `module` block that are Terraform's, not the called module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

const finding = (block: Block, rule: TerraformFinding['rule'], message: string): TerraformFinding => ({
  file: block.file.path,
  line: block.line,
  rule,
  message,
});

/** Every variable has a `type` and a `description`; every output a `description`. */
export function checkInterfaces(module: TerraformModule): TerraformFinding[] {
  const variables = blocks(module, 'variable').flatMap((block) =>
    ['type', 'description']
      .filter((key) => !(key in block.body))
      .map((key) => finding(block, 'variable', `variable "${block.labels[0]}" has no ${key}`)),
  );
  const outputs = blocks(module, 'output')
    .filter((block) => !('description' in block.body))
    .map((block) => finding(block, 'output', `output "${block.labels[0]}" has no description`));
  return [...variables, ...outputs];
}

/** The module a local `source` points at, if it is one of `modules`. */
export function resolveSource(caller: TerraformModule, source: unknown, modules: TerraformModule[]) {
  if (typeof source !== 'string' || !/^\.\.?\//.test(source)) return undefined;
  const dir = path.resolve(caller.dir, source);
  return modules.find((m) => path.resolve(m.dir) === dir);
}

/** Module calls name an existing local module, pass only its variables and every required one. */
export function checkModuleCalls(module: TerraformModule, modules: TerraformModule[]): TerraformFinding[] {
  return blocks(module, 'module').flatMap((call) => {
    const name = call.labels[0];
    const source = call.body.source;
    const target = resolveSource(module, source, modules);
    if (!target) {
      return [
        finding(
          call,
          'module-call',
          `module "${name}": source ${JSON.stringify(source)} is not a local module here`,
        ),
      ];
    }
    const variables = new Map(blocks(target, 'variable').map((v) => [v.labels[0]!, v.body]));
    const passed = Object.keys(call.body).filter((key) => !META_ARGUMENTS.has(key));
    const unknown = passed
      .filter((key) => !variables.has(key))
      .map((key) =>
        finding(call, 'module-call', `module "${name}" passes "${key}", which ${source} does not declare`),
      );
    const missing = [...variables]
      .filter(([key, body]) => !('default' in body) && !passed.includes(key))
      .map(([key]) =>
        finding(call, 'module-call', `module "${name}" does not pass required variable "${key}"`),
      );
    return [...unknown, ...missing];
  });
}

/** Provider local names declared in `required_providers`, with their `{ source, version }`. */
export function requiredProviders(module: TerraformModule): Map<string, Record<string, unknown>> {
  const providers = new Map<string, Record<string, unknown>>();
  for (const { body } of plainBlocks(module, 'terraform')) {
    for (const entry of Array.isArray(body.required_providers) ? body.required_providers : []) {
      for (const [name, spec] of Object.entries(entry as Record<string, unknown>))
        providers.set(
          name,
          typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {},
        );
    }
  }
  return providers;
}

/** A constraint with an upper bound: `~> 6.0`, `< 7.0`, or one exact version. */
const PINNED = /~>|<|^\s*=?\s*v?\d+\.\d+\.\d+\s*$/;

/** `required_version` is set, and every provider the module uses is declared with a source and a pinned version. */
export function checkProviderPins(module: TerraformModule): TerraformFinding[] {
  const file = module.files.find((f) => path.basename(f.path) === 'versions.tf') ?? module.files[0]!;
  const at = (message: string): TerraformFinding => ({ file: file.path, line: 1, rule: 'provider', message });
  const declared = requiredProviders(module);
  const findings: TerraformFinding[] = [];
  if (!plainBlocks(module, 'terraform').some(({ body }) => typeof body.required_version === 'string'))
    findings.push(at('no terraform required_version'));
  for (const [name, spec] of declared) {
    if (typeof spec.source !== 'string') findings.push(at(`provider "${name}" has no source`));
    if (typeof spec.version !== 'string' || !PINNED.test(spec.version))
      findings.push(
        at(
          `provider "${name}" version is not pinned with an upper bound (got ${JSON.stringify(spec.version)})`,
        ),
      );
  }
  for (const used of usedProviders(module))
    if (!declared.has(used)) findings.push(at(`provider "${used}" is used but not in required_providers`));
  return findings;
}

/** Local provider names the module's resources, data sources and provider blocks use. */
export function usedProviders(module: TerraformModule): Set<string> {
  const types = [...blocks(module, 'resource'), ...blocks(module, 'data')].map((b) => b.labels[0]!);
  const configured = module.files.flatMap((f: TerraformFile) =>
    Object.keys((f.body.provider as object) ?? {}),
  );
  const providers = new Set([...types.map((type) => type.split('_')[0]!), ...configured]);
  providers.delete('terraform'); // terraform_data and terraform_remote_state are built in
  return providers;
}
