export const ACTOR_TYPES = ['user', 'api_key', 'platform_admin', 'system'] as const;
/** Who acted: a tenant's staff user, an API key, an Elara operator, or Elara itself. */
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The chain of platform-level events (no tenant), e.g. a platform admin creating a tenant. */
export const PLATFORM_CHAIN = 'platform';

/** A hash chain: a tenant's id (a UUID), or `'platform'`. */
export type AuditChainId = string;

export interface AuditActor {
  type: ActorType;
  /** Required unless `type` is `system`; at most 200 characters. */
  id?: string | null;
  /** A name for people reading the log (e.g. an email); truncated to 200 characters. */
  display?: string | null;
}

export interface AuditTarget {
  /** Lowercase, e.g. `sender`, `api_key`, `tenant`. */
  type: string;
  id?: string | null;
}

/** One admin action, as the admin API reports it. */
export interface RecordAuditEventInput {
  /** The tenant whose chain records the event; `null` for a platform-level action. */
  tenantId: string | null;
  actor: AuditActor;
  /** Dotted and lowercase, `domain.verb`: `sender.create`, `api_key.revoke`, `session.login`. */
  action: string;
  target?: AuditTarget | null;
  outcome: AuditOutcome;
  /** The client's IP address (IPv4 or IPv6). */
  sourceIp?: string | null;
  /** Truncated to 512 characters; control characters become spaces. */
  userAgent?: string | null;
  /**
   * Context for readers, a JSON object of at most 8 KiB. Values under keys that name secrets
   * (password, secret, token, api key, authorization, cookie, credential, private key, signature)
   * are replaced by "[redacted]"; do not rely on that: never pass secrets.
   */
  details?: Record<string, unknown> | null;
}

/** What the database assigned to a recorded event. */
export interface RecordedAuditEvent {
  id: string;
  seq: number;
  occurredAt: Date;
  hash: string;
}

export interface AuditEvent {
  id: string;
  /** `null` on the platform chain. */
  tenantId: string | null;
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  occurredAt: Date;
  actor: { type: ActorType; id: string | null; display: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: AuditOutcome;
  sourceIp: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** All given filters must match. */
export interface AuditFilters {
  /** Exact action, e.g. `sender.create`. */
  action?: string;
  /** Actions starting with this, e.g. `sender.`. */
  actionPrefix?: string;
  actorType?: ActorType;
  actorId?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** occurred_at >= from. */
  from?: Date;
  /** occurred_at < to. */
  to?: Date;
}

export interface AuditPageRequest {
  /** 1 to 500; 50 when unset. */
  limit?: number;
  /** The `nextBeforeSeq` of the previous page. */
  beforeSeq?: number;
}

/** Newest first. */
export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `beforeSeq` for the next (older) page; `null` on the last page. */
  nextBeforeSeq: number | null;
}

export interface AuditExportOptions {
  /** Refuse (before the first byte) an export of more rows than this; 100,000 when unset. */
  maxRows?: number;
}
