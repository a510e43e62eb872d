import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEXT_LABELS } from './corpus.types.ts';
import type { LabelledText, TextLabel } from './corpus.types.ts';
import { labelSmsMessage } from './sms-labels.ts';
import { splitKey } from './split.ts';

/** The data that ships with the project (see data/README.md for sources and licences). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
const SMS_FILE = 'sms-spam-collection.tsv';
const LABELS: ReadonlySet<string> = new Set(TEXT_LABELS);

function loadSmsCollection(path: string): LabelledText[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/u).slice(1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const text = line.slice(tab + 1);
      return {
        text,
        label: labelSmsMessage(line.slice(0, tab), text),
        lang: 'en',
        source: 'sms-spam-collection',
      };
    });
}

function parseExample(line: string, where: string, source: string): LabelledText {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`${where}: not valid JSON`);
  }
  const { text, label, lang, category } = (value ?? {}) as Record<string, unknown>;
  if (typeof text !== 'string' || text.trim() === '')
    throw new Error(`${where}: "text" must be a non-empty string`);
  if (typeof label !== 'string' || !LABELS.has(label))
    throw new Error(`${where}: "label" must be one of ${TEXT_LABELS.join(', ')}`);
  if (typeof lang !== 'string' || !/^[a-z]{2}$/u.test(lang))
    throw new Error(`${where}: "lang" must be a two-letter code`);
  const example: LabelledText = { text, label: label as TextLabel, lang, source };
  if (typeof category === 'string') example.category = category;
  return example;
}

function loadJsonLines(path: string, source: string): LabelledText[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/u)
    .map((line, index) => ({ line, where: `${source}.jsonl:${index + 1}` }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, where }) => parseExample(line, where, source));
}

/**
 * Every labelled example in `dataDir`: the SMS collection plus each `*.jsonl` file. A text that
 * appears twice is kept once (the first), so a duplicate cannot sit in both splits or count twice.
 */
export function loadCorpus(dataDir: string = DATA_DIR): LabelledText[] {
  const examples = loadSmsCollection(join(dataDir, SMS_FILE));
  for (const file of readdirSync(dataDir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    examples.push(...loadJsonLines(join(dataDir, file), file.replace(/\.jsonl$/u, '')));
  }
  const seen = new Set<string>();
  return examples.filter((example) => {
    const key = splitKey(example.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
