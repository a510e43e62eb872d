import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * Everything that decides what the model learns: the data, the model code, the rules whose
 * signals are model features, and this tool. A change to any of it means retraining.
 */
const TRAINING_INPUTS = [
  'packages/text-model/data',
  'packages/text-model/src',
  'packages/detection/src/text',
  'packages/detection/src/url',
  'packages/detection/src/brand',
  'packages/detection/src/explicit-evidence.ts',
  'tools/model-training/src',
];
const HASHED = /\.(?:ts|tsv|jsonl)$/u;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** SHA-256 over the training inputs' contents (test files excluded) and the settings. */
export function trainingInputHash(settings: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  for (const input of TRAINING_INPUTS) {
    for (const file of filesUnder(join(ROOT, input))) {
      if (!HASHED.test(file) || file.endsWith('.test.ts')) continue;
      hash.update(file.slice(ROOT.length)).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}
