import { ValidationError } from '../tenant-admin.errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  /** 1 to 100; 50 when unset. */
  limit?: number;
  /** The `nextCursor` of the previous page. Opaque. */
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, [
      { path: 'limit', message: `1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
  return limit;
}

/**
 * A keyset position as an opaque string: base64url of `[kind, ...key]`. The kind keeps a cursor of
 * one list from being read as another's. A cursor carries no authority: every page is still read
 * inside the actor's tenant context.
 */
export function encodeCursor(kind: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor of this list' }]);
}

/** The key of a cursor made by `encodeCursor(kind, …)` with `arity` parts; null when none was given. */
export function decodeCursor(
  kind: string,
  cursor: string | null | undefined,
  arity: number,
): string[] | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (cursor.length > 1024) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity + 1 ||
    parsed[0] !== kind ||
    !parsed.every((part) => typeof part === 'string')
  ) {
    throw invalidCursor();
  }
  return parsed.slice(1) as string[];
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says there is a next page, whose
 * cursor is the key of the last row shown.
 */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  kind: string,
  keyOf: (row: R) => string[],
  toItem: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(kind, keyOf(last)) : null,
  };
}

const TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset position on `(timestamp, id)`: the timestamp as `timeKeySql` renders it. */
export interface TimeKey {
  at: string;
  id: string;
}

/**
 * SQL rendering a timestamptz column as a cursor key: UTC with microseconds, so the position is
 * exact (a JavaScript Date would round it to milliseconds and skip or repeat rows).
 */
export function timeKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function decodeTimeKeyCursor(kind: string, cursor: string | null | undefined): TimeKey | null {
  const key = decodeCursor(kind, cursor, 2);
  if (key === null) return null;
  const [at, id] = key as [string, string];
  if (!TIME_KEY.test(at) || !UUID_KEY.test(id)) throw invalidCursor();
  return { at, id };
}
