/** An event, filter or page the audit log refuses; the message says why (a 400 in the admin API). */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

/** The export would hold more rows than allowed: narrow the filters (time range). */
export class AuditExportTooLargeError extends Error {
  override name = 'AuditExportTooLargeError';
  readonly rows: number;
  readonly maxRows: number;

  constructor(rows: number, maxRows: number) {
    super(`the export would hold ${rows} rows, more than ${maxRows}: narrow the filters`);
    this.rows = rows;
    this.maxRows = maxRows;
  }
}
