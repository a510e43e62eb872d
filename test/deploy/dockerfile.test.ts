import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isExcluded, listBuildContext, parseDockerignore } from '@elara/deploy-checks/dockerfile-ignore';
import { lintDockerfile } from '@elara/deploy-checks/dockerfile-lint';
import { imageNode } from '@elara/deploy-checks/dockerfile-node-runtime';
import {
  copyFromFlag,
  effectiveInstruction,
  execForm,
  inheritedInstructions,
  parseDockerfile,
  stageArgs,
  stageEnv,
  type DockerfileStage,
} from '@elara/deploy-checks/dockerfile-stages';
import { REPO_ROOT } from '@elara/testkit/processes';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/*
 * The real Dockerfile and .dockerignore, checked without a Docker engine: the lint rules, the
 * deployment contract of each target, and that every COPY reaches a file the build context holds.
 */
const dockerfileText = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const dockerfile = parseDockerfile(dockerfileText);
const ignoreRules = parseDockerignore(readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8'));
const context = new Set(listBuildContext(REPO_ROOT, ignoreRules));

/** The deployment contract: what each image runs and which ports it serves. */
const TARGETS = {
  api: { cmd: ['node', 'services/api/src/main.ts'], ports: ['3000', '9464'] },
  worker: { cmd: ['node', 'services/worker/src/main.ts'], ports: ['9465'] },
  scheduler: { cmd: ['node', 'services/scheduler/src/main.ts'], ports: ['9466'] },
  migrate: { cmd: ['node', 'services/migrator/src/main.ts', 'migrate'], ports: [] },
} as const;
const TARGET_NAMES = Object.keys(TARGETS);

function stage(name: string): DockerfileStage {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

function argumentsOf(s: DockerfileStage, keyword: string): string | undefined {
  return effectiveInstruction(s, keyword)?.getArgumentsContent()?.trim();
}

/** Paths (relative to the context root) that any COPY of the build stage brings in. */
function contextCopies(): string[] {
  return dockerfile.stages
    .flatMap((s) => s.instructions)
    .filter((i) => i.getKeyword() === 'COPY' && copyFromFlag(i) === null)
    .flatMap((i) =>
      i
        .getArguments()
        .slice(0, -1)
        .map((a) => a.getValue())
        .filter((a) => !a.startsWith('--')),
    );
}

/** What the runtime stage copies out of the build stage, relative to the build's WORKDIR. */
function runtimeCopies(): string[] {
  const workdir = argumentsOf(stage('build'), 'WORKDIR') ?? '/';
  return stage('runtime')
    .instructions.filter((i) => i.getKeyword() === 'COPY' && copyFromFlag(i) === 'build')
    .map((i) => path.posix.relative(workdir, i.getArguments().at(-2)!.getValue()));
}

describe('the Dockerfile', () => {
  it('passes the lint rules', () => {
    expect(lintDockerfile(dockerfileText, { targets: TARGET_NAMES })).toEqual([]);
  });

  it.each(Object.entries(TARGETS))(
    'target %s runs the contract command under tini as uid 10001',
    (name, spec) => {
      const target = stage(name);
      expect(target.parent?.name).toBe('runtime');
      expect(execForm(effectiveInstruction(target, 'ENTRYPOINT'))).toEqual(['tini', '--']);
      expect(execForm(effectiveInstruction(target, 'CMD'))).toEqual(spec.cmd);
      expect(argumentsOf(target, 'USER')).toBe('10001:10001');
      expect(argumentsOf(target, 'WORKDIR')).toBe('/app');
      expect(argumentsOf(target, 'STOPSIGNAL')).toBe('SIGTERM');
      expect(stageEnv(target, dockerfile.globalArgs)).toMatchObject({ NODE_ENV: 'production' });
      const exposed = inheritedInstructions(target)
        .filter((i) => i.getKeyword() === 'EXPOSE')
        .flatMap((i) => i.getArguments().map((a) => a.getValue()));
      expect(exposed).toEqual(spec.ports);
      // The entry point the CMD names is shipped (relative to WORKDIR /app, the repository root).
      expect(existsSync(path.join(REPO_ROOT, spec.cmd[1]))).toBe(true);
    },
  );

  it('builds and runs on the Node the runtime smoke test uses, with the pnpm package.json pins', () => {
    expect(dockerfile.globalArgs.get('NODE_IMAGE')).toBe(`node:${imageNode().version}-bookworm-slim`);
    expect(dockerfile.stages.filter((s) => !s.parent).map((s) => s.from.getImage())).toEqual([
      '${NODE_IMAGE}',
      '${NODE_IMAGE}',
    ]);
    const { packageManager } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      packageManager: string;
    };
    expect(`pnpm@${stageArgs(stage('build'), dockerfile.globalArgs).get('PNPM_VERSION')}`).toBe(
      packageManager,
    );
  });

  it('generates the Prisma client, trains the model and keeps production dependencies only', () => {
    const runs = stage('build')
      .instructions.filter((i) => i.getKeyword() === 'RUN')
      .map((i) => i.getArgumentsContent() ?? '');
    const order = [
      'pnpm fetch',
      'pnpm install --frozen-lockfile',
      'pnpm db:generate',
      'pnpm build:model',
      'pnpm install --prod',
    ];
    const positions = order.map((step) => runs.findIndex((run) => run.includes(step)));
    expect(
      positions.every((p) => p >= 0),
      `${order} in ${runs.join('\n')}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // `pnpm deploy` would copy workspace packages into node_modules, where Node strips no types.
    expect(runs.join('\n')).not.toMatch(/pnpm deploy/);
  });
});

describe('the build context', () => {
  it('holds every path the Dockerfile copies from it', () => {
    const copies = contextCopies();
    expect(copies).toContain('pnpm-lock.yaml');
    for (const source of copies) {
      expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
      if (source !== '.') expect(isExcluded(ignoreRules, source), source).toBe(false);
    }
  });

  it('ships the runtime what it runs: sources, production dependencies, Prisma client, model, migrations', () => {
    const copies = runtimeCopies();
    expect(copies.sort()).toEqual(['node_modules', 'package.json', 'packages', 'services']);
    const needed = [
      ...Object.values(TARGETS).map((t) => t.cmd[1]),
      'packages/db/migrations/001.do.pipeline-schema.sql',
      'packages/db/src/generated/prisma/client.ts', // by `pnpm db:generate`
      'packages/text-model/model/text-model.json', // by `pnpm build:model`
      'node_modules/.pnpm',
    ];
    for (const file of needed)
      expect(
        copies.some((c) => file === c || file.startsWith(`${c}/`)),
        file,
      ).toBe(true);
    // The sources among them reach the build: present in the context.
    for (const file of needed.slice(0, 5)) expect(context.has(file), file).toBe(true);
  });

  it('holds every workspace manifest the frozen-lockfile install needs, and the model training inputs', () => {
    const lockfile = parseYaml(readFileSync(path.join(REPO_ROOT, 'pnpm-lock.yaml'), 'utf8')) as {
      importers: Record<string, unknown>;
    };
    const importers = Object.keys(lockfile.importers);
    expect(importers.length).toBeGreaterThan(30);
    for (const importer of importers)
      expect(context.has(path.posix.join(importer, 'package.json')), importer).toBe(true);
    for (const file of [
      'tools/model-training/src/build-model.main.ts',
      'packages/text-model/data/sms-spam-collection.tsv',
      'packages/db/prisma/schema.prisma',
      'packages/db/prisma.config.ts',
    ])
      expect(context.has(file), file).toBe(true);
  });

  it('leaves out local state, stale build outputs and what no image needs', () => {
    const leaked = [...context].filter((file) =>
      /(^|\/)(node_modules|\.git|\.elara|coverage)\/|^packages\/db\/src\/generated\/|^packages\/text-model\/model\/|\.log$/.test(
        file,
      ),
    );
    expect(leaked).toEqual([]);
    for (const dir of ['test/e2e', 'loadtests/pipeline/src', 'charts', 'terraform', 'k8s', 'docs', 'grafana'])
      expect(isExcluded(ignoreRules, `${dir}/x`), dir).toBe(true);
    expect([...context].filter((file) => file.startsWith('test/'))).toEqual(['test/package.json']);
  });
});
