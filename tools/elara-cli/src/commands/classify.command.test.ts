import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `pnpm elara classify` as a user would, feeding `input` on stdin. */
function classify(
  input: string,
  args: string[] = [],
): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'tools/elara-cli/src/main.ts', 'classify', ...args], {
      cwd: ROOT,
      // No database, Redis or local secrets: the command must not need them.
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: stdout.split('\n').filter(Boolean), stderr }));
    child.stdin.end(input);
  });
}

describe('elara classify', () => {
  it('answers each JSON line with a verdict, in order, and reports bad lines in place', async () => {
    const input = [
      JSON.stringify({
        text: 'Your parcel is on hold. Pay the £2.99 customs fee within 24 hours: royalmail-fee.top/pay',
      }),
      'not json',
      JSON.stringify({ text: 'Hola, ¿quedamos mañana a las ocho para cenar en casa de tu madre?' }),
      JSON.stringify({ message: 'wrong field' }),
      '',
    ].join('\n');
    const { code, lines, stderr } = await classify(input, ['--brand', 'demobank.com']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines).toHaveLength(4);
    const [scam, bad, safe, wrongShape] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(scam).toMatchObject({ verdict: 'scam', language: 'en' });
    expect(scam?.score).toBeGreaterThanOrEqual(0.75);
    expect(scam?.reasons).toEqual(expect.arrayContaining([expect.stringContaining('royalmail-fee.top')]));
    expect(scam?.urls).toEqual([expect.objectContaining({ host: 'royalmail-fee.top' })]);
    expect(bad).toEqual({ error: 'not valid JSON' });
    expect(safe).toMatchObject({ verdict: 'safe', language: 'es', reasons: [], urls: [] });
    expect(wrongShape).toEqual({ error: 'expected an object with a string "text"' });
  });

  it('rejects unknown arguments with its usage', async () => {
    const { code, stderr } = await classify('', ['--bogus']);
    expect(code).toBe(1);
    expect(stderr).toContain('usage: pnpm elara classify');
  });
});
