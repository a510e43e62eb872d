import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for resolving service entry points. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export const ENTRY_POINTS = {
  api: 'services/api/src/main.ts',
  worker: 'services/worker/src/main.ts',
  scheduler: 'services/scheduler/src/main.ts',
  sandbox: 'packages/twilio-sandbox/src/main.ts',
} as const;

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions and post-mortems. */
  output: () => string;
  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code when the process exits on its own. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  env: Record<string, string | undefined>;
  /** Echo output with a `[name]` prefix (the dev stack); otherwise it is only captured. */
  echo?: boolean;
  /** Extra Node flags, e.g. `--cpu-prof` for the benchmark's profiles. */
  nodeArgs?: string[];
}

/** Runs one of our TypeScript entry points as its own Node process (through tsx). */
export function spawnService(name: string, entry: string, options: SpawnOptions): ServiceProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(REPO_ROOT, entry)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: string[] = [];
  let size = 0;
  const collect = (data: Buffer) => {
    const text = data.toString();
    // Keep the last ~1 MB only: a long benchmark must not grow this without bound.
    chunks.push(text);
    size += text.length;
    while (size > 1_000_000 && chunks.length > 1) size -= chunks.shift()!.length;
    if (options.echo) {
      for (const line of text.split('\n')) if (line) process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    output: () => chunks.join(''),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls `url` until it answers 2xx, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}
