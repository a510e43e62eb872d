import { createHash } from 'node:crypto';

/**
 * The event hash, v1: exactly what `audit_event_hash` in migration 007 computes.
 *
 * Lowercase hex SHA-256 over the UTF-8 bytes of the concatenation of the fields below, in this
 * order, each encoded as `<UTF-8 byte length>:<value>,` or `-,` for NULL. The length prefix makes
 * the encoding unambiguous (no value can shift into the next field), and `-` can never start a
 * length, so NULL differs from every string, the empty one included.
 */
export const AUDIT_HASH_VERSION = 'elara-audit-v1';

/** The prev_hash of a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event's hashed fields, in the text forms PostgreSQL gives them. */
export interface AuditHashFields {
  id: string;
  /** Lowercase UUID; `null` on the platform chain. */
  tenantId: string | null;
  /** Decimal. */
  seq: string;
  /** occurred_at as integer microseconds since the Unix epoch, decimal (PostgreSQL's precision). */
  occurredAtMicros: string;
  actorType: string;
  actorId: string | null;
  actorDisplay: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  /** `host(source_ip)`: the address without a netmask. */
  sourceIp: string | null;
  userAgent: string | null;
  /** `details::text`: PostgreSQL's jsonb text form (keys sorted by length then bytes, ", " and ": "). */
  detailsText: string;
  prevHash: string;
}

function field(value: string | null): string {
  return value === null ? '-,' : `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

/** The exact string that is hashed. */
export function encodeAuditHashInput(f: AuditHashFields): string {
  return [
    AUDIT_HASH_VERSION,
    f.id,
    f.tenantId,
    f.seq,
    f.occurredAtMicros,
    f.actorType,
    f.actorId,
    f.actorDisplay,
    f.action,
    f.targetType,
    f.targetId,
    f.outcome,
    f.sourceIp,
    f.userAgent,
    f.detailsText,
    f.prevHash,
  ]
    .map(field)
    .join('');
}

export function computeAuditHash(f: AuditHashFields): string {
  return createHash('sha256').update(encodeAuditHashInput(f), 'utf8').digest('hex');
}
