import { fnv1a } from '../features/fnv1a.ts';
import type { SplitName } from './corpus.types.ts';

/** One in five examples is held out for testing. */
const TEST_BUCKETS = 20;

/** Case- and space-insensitive key, so a re-formatted copy of a message lands in the same split. */
export function splitKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The fixed train/test split: decided by a hash of the text itself, not by file order, so adding
 * examples never moves existing ones between splits and duplicates cannot straddle it.
 */
export function splitOf(text: string): SplitName {
  return fnv1a(`split:${splitKey(text)}`) % 100 < TEST_BUCKETS ? 'test' : 'train';
}
