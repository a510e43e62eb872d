// `pnpm build:model`: trains the text model on the training split of the shipped data, with the
// rule engine's explicit signals as extra features, and writes the model file the detector loads.
// Skips the work when data, code and settings are unchanged (pass --force to retrain anyway).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { explicitSignalFeatures } from '@elara/detection/explicit-evidence';
import { MODEL_PATH } from '@elara/text-model/classifier';
import { loadCorpus } from '@elara/text-model/corpus';
import { serializeModel } from '@elara/text-model/model-file';
import { splitOf } from '@elara/text-model/split';
import { FIT_SETTINGS, fitTextModel, type TrainingText } from '@elara/text-model/training';
import { TEXT_LABELS, type TextLabel } from '@elara/text-model/types';
import { trainingInputHash } from './training-input-hash.ts';

function currentHash(): string | null {
  if (!existsSync(MODEL_PATH)) return null;
  try {
    return (JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as { inputHash?: string }).inputHash ?? null;
  } catch {
    return null;
  }
}

function trainingSet(): TrainingText[] {
  return loadCorpus()
    .filter((example) => splitOf(example.text) === 'train')
    .map((example) => ({ ...example, signals: explicitSignalFeatures(example.text) }));
}

function main(): void {
  const inputHash = trainingInputHash(FIT_SETTINGS);
  if (!process.argv.includes('--force') && currentHash() === inputHash) {
    console.log(`text model is up to date (${MODEL_PATH})`);
    return;
  }
  const started = performance.now();
  const training = trainingSet();
  const examples = Object.fromEntries(TEXT_LABELS.map((label) => [label, 0])) as Record<TextLabel, number>;
  for (const example of training) examples[example.label] += 1;
  const fitted = fitTextModel(training);
  const file = serializeModel(fitted.model, {
    inputHash,
    trainedAt: new Date().toISOString(),
    examples,
    thresholds: fitted.thresholds,
  });
  mkdirSync(dirname(MODEL_PATH), { recursive: true });
  writeFileSync(MODEL_PATH, `${JSON.stringify(file)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `text model trained in ${seconds} s on ${training.length} examples ` +
      `(${TEXT_LABELS.map((label) => `${examples[label]} ${label}`).join(', ')}); ` +
      `scam thresholds strong ${fitted.thresholds.strong}, supporting ${fitted.thresholds.supporting}`,
  );
}

main();
