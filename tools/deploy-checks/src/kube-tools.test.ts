import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureKubeTools, installKubeTools, locateLayer } from './kube-tools.ts';

const run = promisify(execFile);
const scratch = await mkdtemp(path.join(tmpdir(), 'kube-tools-test-'));

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('ensureKubeTools', () => {
  it('returns runnable helm v4 and kubectl v1.33 from the layer package', async () => {
    const tools = await ensureKubeTools();
    expect(tools.dir).toContain(path.join('node_modules', '.cache', 'elara-kube-tools'));
    expect((await run(tools.helm, ['version', '--short'])).stdout).toMatch(/^v4\.\d+\.\d+/);
    expect((await run(tools.kubectl, ['version', '--client'])).stdout).toMatch(/Client Version: v1\.33\./);
  });

  it('is idempotent within a process', async () => {
    const [first, second] = await Promise.all([ensureKubeTools(), ensureKubeTools()]);
    expect(second).toBe(first);
  });

  it('lets concurrent installs race into one folder without leaving staging copies behind', async () => {
    const { zipPath, version } = locateLayer();
    const dir = path.join(scratch, version);
    const [a, b] = await Promise.all([installKubeTools(zipPath, dir), installKubeTools(zipPath, dir)]);
    expect(a).toEqual(b);
    expect(await readdir(scratch)).toEqual([version]);
    expect((await stat(a.helm)).mode & 0o111).toBe(0o111);
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
  }, 60_000);

  it('cleans up its staging folder when extraction fails', async () => {
    const dir = path.join(scratch, 'broken');
    await expect(installKubeTools(path.join(scratch, 'missing.zip'), dir)).rejects.toThrow(/ENOENT/);
    expect((await readdir(scratch)).filter((name) => name.startsWith('broken'))).toEqual([]);
  });
});
