import { parseArgs } from 'node:util';
import { createPool, type Pool } from '@elara/db/pool';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';
import { importFeed, type ImportFeedResult } from '@elara/threat-feeds/import';
import { listFeedStatuses, removeFeed, type FeedStatus } from '@elara/threat-feeds/store';
import { FEED_FORMATS, isFeedFormat } from '@elara/threat-feeds/types';

const USAGE = `usage: pnpm elara feeds import <name> --format <format> --source <url|file> [--force] [--timeout <s>] [--max-mb <n>]
       pnpm elara feeds list
       pnpm elara feeds remove <name>
formats: ${FEED_FORMATS.join(', ')}`;

const IMPORT_OPTIONS = {
  format: { type: 'string' },
  source: { type: 'string' },
  force: { type: 'boolean', default: false },
  timeout: { type: 'string', default: '30' },
  'max-mb': { type: 'string', default: '64' },
} as const;

function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${flag} must be a positive number\n${USAGE}`);
  return number;
}

function printImport(result: ImportFeedResult): void {
  const rejected = result.rejected
    ? `, ${result.rejected.count} line(s) rejected ${JSON.stringify(result.rejected.byReason)}`
    : '';
  const duplicates = result.duplicates ? `, ${result.duplicates} duplicate(s)` : '';
  console.log(
    `${result.name}: ${result.outcome}; version ${result.version}, ${result.entryCount} entries${rejected}${duplicates} (${result.durationMs} ms)`,
  );
  if (result.error) console.log(`error: ${result.error}`);
}

async function importCommand(pool: Pool, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: IMPORT_OPTIONS, allowPositionals: true });
  const [name] = positionals;
  const { format, source } = values;
  if (!name || !format || !source || positionals.length !== 1) throw new Error(USAGE);
  if (!isFeedFormat(format)) throw new Error(`unknown format ${format}\n${USAGE}`);
  const result = await importFeed({
    pool,
    feed: { name, format, source },
    options: {
      force: values.force,
      timeoutMs: positiveNumber(values.timeout, 'timeout') * 1_000,
      maxBytes: positiveNumber(values['max-mb'], 'max-mb') * 1_048_576,
    },
  });
  printImport(result);
  if (result.outcome === 'failed') process.exitCode = 1;
}

function when(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d+Z$/, 'Z') : '-';
}

/** A plain-text table: one row per feed, columns padded to their widest cell. */
function statusTable(feeds: FeedStatus[]): string {
  const rows = [
    ['name', 'format', 'version', 'entries', 'rejected', 'imported', 'checked', 'last error'],
    ...feeds.map((f) => [
      f.name,
      f.format,
      String(f.version),
      String(f.entryCount),
      String(f.rejectedCount),
      when(f.importedAt),
      when(f.checkedAt),
      f.lastError ? `${when(f.lastErrorAt)} ${f.lastError.slice(0, 80)}` : '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `elara feeds import <name> --format <f> --source <url|file>`, `feeds list`, `feeds remove <name>`. */
export async function feedsCommand(env: Pick<LocalDefaults, 'DATABASE_URL'>, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'import' && action !== 'list' && action !== 'remove') throw new Error(USAGE);
  const pool = createPool({ connectionString: env.DATABASE_URL, max: 2, applicationName: 'elara-cli' });
  try {
    if (action === 'import') return await importCommand(pool, rest);
    if (action === 'list') {
      const feeds = await listFeedStatuses(pool);
      console.log(feeds.length ? statusTable(feeds) : 'No threat feeds imported yet.');
      return;
    }
    const [name] = rest;
    if (!name) throw new Error(USAGE);
    const removed = await removeFeed(pool, name);
    console.log(removed ? `Removed ${name}.` : `No feed named ${name}.`);
    if (!removed) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
