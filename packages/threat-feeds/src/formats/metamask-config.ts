import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector, type EntryCollector } from './entry-collector.ts';
import { parseJsonDocument } from './json-document.ts';

/** MetaMask's default Levenshtein tolerance, used when the document names none. */
const DEFAULT_TOLERANCE = 3;

function stringList(config: Record<string, unknown>, ...keys: string[]): unknown[] | undefined {
  for (const key of keys) if (Array.isArray(config[key])) return config[key] as unknown[];
  return undefined;
}

function addAll(collector: EntryCollector, items: unknown[], kind: 'domain' | 'allow'): void {
  items.forEach((item, index) => {
    if (typeof item === 'string') collector.addDomain(index + 1, item, kind);
    else collector.reject(index + 1, 'malformed');
  });
}

/**
 * MetaMask's `eth-phishing-detect` configuration, `{ version, tolerance, fuzzylist, whitelist,
 * blacklist }` (or the newer `allowlist` / `blocklist` names). `blacklist` entries become `domain`
 * entries and `whitelist` entries `allow` entries, which, as in MetaMask's detector, clear this
 * feed's matches on that domain and its subdomains. `fuzzylist` and `tolerance` are returned
 * as published in `fuzzy` and not used for matching (see the README). Rejections are numbered
 * by 1-based position in their list. Throws when the document is not a JSON object with a
 * block list.
 */
export function parseMetamaskConfig(text: string): ParseResult {
  const document = parseJsonDocument(text, 'MetaMask configuration');
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new Error('MetaMask configuration must be a JSON object');
  const config = document as Record<string, unknown>;
  const blocked = stringList(config, 'blacklist', 'blocklist');
  if (!blocked) throw new Error('MetaMask configuration has no blacklist (or blocklist) array');
  const collector = createEntryCollector();
  addAll(collector, blocked, 'domain');
  addAll(collector, stringList(config, 'whitelist', 'allowlist') ?? [], 'allow');
  const fuzzy = stringList(config, 'fuzzylist') ?? [];
  const result = collector.result();
  result.fuzzy = {
    tolerance: typeof config.tolerance === 'number' ? config.tolerance : DEFAULT_TOLERANCE,
    domains: fuzzy.filter((d): d is string => typeof d === 'string'),
  };
  const version = config.version;
  if (typeof version === 'number' || typeof version === 'string') result.documentVersion = String(version);
  return result;
}
