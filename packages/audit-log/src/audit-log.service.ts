import type { Pool } from '@elara/db/pool';
import {
  chainTenantId,
  normalizeAuditEvent,
  normalizeChainId,
  normalizeFilters,
} from './audit-event.input.ts';
import { AuditExportTooLargeError, AuditInputError } from './audit-log.errors.ts';
import {
  appendEvent,
  listEventsAscending,
  listEventsDescending,
  measureExport,
  type Queryable,
} from './audit-log.repo.ts';
import type {
  AuditChainId,
  AuditExportOptions,
  AuditFilters,
  AuditPage,
  AuditPageRequest,
  RecordAuditEventInput,
  RecordedAuditEvent,
} from './audit-log.types.ts';
import { withChainScope } from './audit-scope.ts';
import { auditCsvHeader, auditEventCsvLine } from './csv/audit-csv.ts';
import { listAuditChains, verifyAuditChain, type ChainVerification } from './verify/chain-verifier.ts';

export type { ChainVerification };

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_MAX_EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 500;

function pageLimit(page: AuditPageRequest): number {
  const limit = page.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new AuditInputError(`limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  return limit;
}

function beforeSeq(page: AuditPageRequest): number | null {
  if (page.beforeSeq === undefined) return null;
  if (!Number.isSafeInteger(page.beforeSeq) || page.beforeSeq < 1) {
    throw new AuditInputError('beforeSeq must be a positive integer');
  }
  return page.beforeSeq;
}

/**
 * The tamper-evident audit log of admin actions. Runs as the application role: appends and reads
 * go through row-level security in the chain's own context (a tenant's, or the platform's).
 * A chain id is a tenant's UUID, or 'platform' for the platform-level chain.
 */
export function createAuditLog({ pool }: { pool: Pool }) {
  return {
    /**
     * Appends one event in its own transaction and returns what the database assigned. Throws on
     * any failure (invalid input, database down): an event is never dropped silently, and the
     * caller decides whether the action may proceed without its audit record.
     */
    async record(event: RecordAuditEventInput): Promise<RecordedAuditEvent> {
      return appendEvent(pool, normalizeAuditEvent(event));
    },

    /**
     * Appends one event inside the caller's open transaction, so the event commits or rolls back
     * with the change it describes. In a tenant's transaction (withTenant) only that tenant's
     * events are accepted. An action that fails or is denied rolls back: record those with
     * `record` after the rollback.
     */
    async recordInTransaction(tx: Queryable, event: RecordAuditEventInput): Promise<RecordedAuditEvent> {
      return appendEvent(tx, normalizeAuditEvent(event));
    },

    /** One page of a chain's events, newest first, matching every given filter. */
    async list(
      chain: AuditChainId,
      filters: AuditFilters = {},
      page: AuditPageRequest = {},
    ): Promise<AuditPage> {
      const scope = normalizeChainId(chain);
      const valid = normalizeFilters(filters);
      const limit = pageLimit(page);
      const before = beforeSeq(page);
      const events = await withChainScope(pool, scope, (tx) =>
        listEventsDescending(tx, chainTenantId(scope), valid, before, limit + 1),
      );
      const more = events.length > limit;
      const shown = more ? events.slice(0, limit) : events;
      return { events: shown, nextBeforeSeq: more ? shown.at(-1)!.seq : null };
    },

    /**
     * A chain's events matching the filters as CSV (RFC 4180, CRLF, a header line), oldest first,
     * streamed one page at a time: iterate and write each chunk. The export covers the chain as it
     * was when it started; one of more than `maxRows` rows is refused before the first chunk.
     * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
     */
    async *exportCsv(
      chain: AuditChainId,
      filters: AuditFilters = {},
      options: AuditExportOptions = {},
    ): AsyncGenerator<string, void, undefined> {
      const scope = normalizeChainId(chain);
      const tenantId = chainTenantId(scope);
      const valid = normalizeFilters(filters);
      const maxRows = options.maxRows ?? DEFAULT_MAX_EXPORT_ROWS;
      const { upToSeq, rows } = await withChainScope(pool, scope, (tx) => measureExport(tx, tenantId, valid));
      if (rows > maxRows) throw new AuditExportTooLargeError(rows, maxRows);
      yield auditCsvHeader();
      let afterSeq = 0;
      for (;;) {
        const events = await withChainScope(pool, scope, (tx) =>
          listEventsAscending(tx, tenantId, valid, { afterSeq, upToSeq }, EXPORT_PAGE),
        );
        if (events.length) yield events.map(auditEventCsvLine).join('');
        if (events.length < EXPORT_PAGE) return;
        afterSeq = events.at(-1)!.seq;
      }
    },

    /** Walks a chain and reports the first sign of tampering (see verify/chain-verifier.ts). */
    async verify(chain: AuditChainId): Promise<ChainVerification> {
      return verifyAuditChain(pool, chain);
    },

    /** Every chain with events or a head: tenant ids, and 'platform' first when it exists. */
    async listChains(): Promise<AuditChainId[]> {
      return listAuditChains(pool);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
