import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface WorkspacePackage {
  name: string;
  dir: string;
  dependencies: string[];
}

const WORKSPACE_DIRS = ['packages', 'services', 'tools', 'loadtests'];

/** Every workspace package with the `@elara/*` packages its package.json depends on. */
export function readWorkspace(root: string): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  const dirs = [
    ...WORKSPACE_DIRS.flatMap((d) => readdirSync(path.join(root, d)).map((p) => path.join(root, d, p))),
    path.join(root, 'test'),
  ];
  for (const dir of dirs) {
    const manifest = path.join(dir, 'package.json');
    if (!statSync(dir).isDirectory() || !safeExists(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
      string,
      Record<string, string> | string
    >;
    const deps = { ...(json.dependencies as object), ...(json.devDependencies as object) };
    packages.push({
      name: json.name as string,
      dir,
      dependencies: Object.keys(deps).filter((d) => d.startsWith('@elara/')),
    });
  }
  return packages;
}

function safeExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Dependency cycles between packages, each as the list of names around the loop. */
export function findPackageCycles(packages: WorkspacePackage[]): string[][] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(name)), name]);
      return;
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of byName.get(name)?.dependencies ?? []) visit(dep);
    stack.pop();
    state.set(name, 'done');
  };
  for (const p of packages) visit(p.name);
  return cycles;
}

const IMPORT = /(?:from\s+|import\s*\(\s*)['"](@elara\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/g;

/** `@elara/*` imports in a package's TypeScript files, as `file: imports name`. */
function elaraImports(pkg: WorkspacePackage): { file: string; target: string }[] {
  const found: { file: string; target: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'generated') walk(full);
      } else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(full, 'utf8').matchAll(IMPORT))
          found.push({ file: full, target: match[1]! });
      }
    }
  };
  walk(pkg.dir);
  return found;
}

/** Imports of `@elara/*` packages that the importing package does not declare (or that are itself). */
export function findUndeclaredImports(pkg: WorkspacePackage): string[] {
  return elaraImports(pkg)
    .filter(({ target }) => target === pkg.name || !pkg.dependencies.includes(target))
    .map(({ file, target }) => `${file}: imports ${target}`);
}

/** `@elara/*` packages a package declares but never imports: dependencies that only add coupling. */
export function findUnusedDeclarations(pkg: WorkspacePackage): string[] {
  const used = new Set(elaraImports(pkg).map((i) => i.target));
  return pkg.dependencies.filter((d) => !used.has(d)).map((d) => `${pkg.name}: declares ${d}`);
}
