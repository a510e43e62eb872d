import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@elara/logger/logger';
import { observeSchemaVersion, type SchemaObservation } from './schema-version.ts';

export interface WaitForSchemaInput {
  databaseUrl: string;
  /** The version the image ships (`shippedSchemaVersion()`). */
  target: number;
  timeoutMs: number;
  pollMs: number;
  logger: Logger;
}

export interface WaitForSchemaResult {
  version: number;
  waitedMs: number;
}

/** A quiet wait still says it is alive this often. */
const HEARTBEAT_MS = 30_000;

/**
 * Polls until the database's schema version is at least `target` (a newer schema is fine:
 * migrations only add), logging whenever what it sees changes. Throws once `timeoutMs` has passed.
 */
export async function waitForSchema(input: WaitForSchemaInput): Promise<WaitForSchemaResult> {
  const started = Date.now();
  let lastLine = '';
  let lastLoggedAt = 0;
  for (;;) {
    const seen = await observeSchemaVersion(input.databaseUrl);
    const waitedMs = Date.now() - started;
    if (seen.version !== null && seen.version >= input.target) return { version: seen.version, waitedMs };
    if (waitedMs >= input.timeoutMs) throw new Error(timeoutMessage(seen, input));
    const line = JSON.stringify(seen);
    if (line !== lastLine || Date.now() - lastLoggedAt >= HEARTBEAT_MS) {
      const { version: schemaVersion, ...why } = seen;
      input.logger.info({ schemaVersion, ...why, target: input.target, waitedMs }, 'waiting for migrations');
      lastLine = line;
      lastLoggedAt = Date.now();
    }
    await sleep(Math.min(input.pollMs, input.timeoutMs - waitedMs));
  }
}

function timeoutMessage(seen: SchemaObservation, input: WaitForSchemaInput): string {
  const state = seen.version === null ? seen.reason : `schema version ${seen.version}`;
  return (
    `schema still older than version ${input.target} after ${Math.round(input.timeoutMs / 1000)} s ` +
    `(${state}); has the migration Job ('migrate') run?`
  );
}
