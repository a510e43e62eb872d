import type { AuditEvent } from '../audit-log.types.ts';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'tenant_id',
  'actor_type',
  'actor_id',
  'actor_display',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'source_ip',
  'user_agent',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some strip
 * first) as a formula; leading spaces are skipped by some of them too. Such cells get a leading
 * apostrophe, which spreadsheets show as text and never evaluate (OWASP "CSV injection").
 */
const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

/**
 * One RFC 4180 cell: NULL is empty; every value is quoted with inner quotes doubled, so commas,
 * quotes and line breaks stay inside it; formula-like values are defused first.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine([...AUDIT_CSV_COLUMNS]);
}

export function auditEventCsvLine(e: AuditEvent): string {
  return csvLine([
    e.seq,
    e.occurredAt.toISOString(),
    e.tenantId,
    e.actor.type,
    e.actor.id,
    e.actor.display,
    e.action,
    e.target?.type ?? null,
    e.target?.id ?? null,
    e.outcome,
    e.sourceIp,
    e.userAgent,
    JSON.stringify(e.details),
    e.prevHash,
    e.hash,
  ]);
}
