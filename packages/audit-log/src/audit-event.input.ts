import { isUuid } from '@elara/db/tenant';
import { isIP } from 'node:net';
import { AuditInputError } from './audit-log.errors.ts';
import {
  ACTOR_TYPES,
  AUDIT_OUTCOMES,
  PLATFORM_CHAIN,
  type ActorType,
  type AuditChainId,
  type AuditFilters,
  type AuditOutcome,
  type RecordAuditEventInput,
} from './audit-log.types.ts';

/** An event as the database function takes it: validated, bounded, secrets redacted. */
export interface NormalizedAuditEvent {
  tenantId: string | null;
  actorType: ActorType;
  actorId: string | null;
  actorDisplay: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  sourceIp: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

// The same bounds as the CHECK constraints of migration 007.
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const TARGET_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_ACTION = 100;
const MAX_ID = 200;
const MAX_DISPLAY = 200;
const MAX_USER_AGENT = 512;
/** JSON.stringify bytes; the database allows 16 KiB of its own (wider) jsonb text. */
export const MAX_DETAILS_BYTES = 8192;
const MAX_DETAILS_DEPTH = 16;
/** Keys whose values are never stored. Over-matching (e.g. `tokenFamily`) is the safe side. */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key|signature/i;
const REDACTED = '[redacted]';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A chain id in its canonical form: a lowercase tenant UUID, or 'platform'. */
export function normalizeChainId(chain: AuditChainId): AuditChainId {
  if (chain === PLATFORM_CHAIN) return PLATFORM_CHAIN;
  if (!isUuid(chain)) {
    throw new AuditInputError(`a chain is a tenant id (UUID) or "${PLATFORM_CHAIN}"`);
  }
  return chain.toLowerCase();
}

/** The tenant of a chain as stored: `null` for the platform chain. */
export function chainTenantId(chain: AuditChainId): string | null {
  return chain === PLATFORM_CHAIN ? null : chain;
}

/** Validates and bounds an event; throws AuditInputError on anything the caller must fix. */
export function normalizeAuditEvent(input: RecordAuditEventInput): NormalizedAuditEvent {
  const tenantId = input.tenantId === null ? null : normalizeTenantId(input.tenantId);
  const actorType = oneOf(input.actor?.type, ACTOR_TYPES, 'actor.type');
  const actorId = optionalId(input.actor.id, 'actor.id');
  if (actorType !== 'system' && actorId === null) {
    throw new AuditInputError(`actor.id is required for a ${actorType} actor`);
  }
  const target = input.target ?? null;
  if (target !== null && (typeof target.type !== 'string' || !TARGET_TYPE.test(target.type))) {
    throw new AuditInputError('target.type must be lowercase letters, digits and _, at most 64');
  }
  return {
    tenantId,
    actorType,
    actorId,
    actorDisplay: boundedText(input.actor.display, MAX_DISPLAY),
    action: normalizeAction(input.action),
    targetType: target?.type ?? null,
    targetId: target === null ? null : optionalId(target.id, 'target.id'),
    outcome: oneOf(input.outcome, AUDIT_OUTCOMES, 'outcome'),
    sourceIp: normalizeIp(input.sourceIp),
    userAgent: boundedText(input.userAgent, MAX_USER_AGENT),
    details: normalizeDetails(input.details),
  };
}

/** Validates list and export filters (the values go to SQL as parameters). */
export function normalizeFilters(filters: AuditFilters): AuditFilters {
  const out: AuditFilters = {};
  if (filters.action !== undefined) out.action = normalizeAction(filters.action);
  if (filters.actionPrefix !== undefined) {
    if (typeof filters.actionPrefix !== 'string' || !/^[a-z0-9_.]{1,100}$/.test(filters.actionPrefix)) {
      throw new AuditInputError('actionPrefix must be lowercase letters, digits, _ and .');
    }
    out.actionPrefix = filters.actionPrefix;
  }
  if (filters.actorType !== undefined) out.actorType = oneOf(filters.actorType, ACTOR_TYPES, 'actorType');
  if (filters.actorId !== undefined) out.actorId = requiredId(filters.actorId, 'actorId');
  if (filters.outcome !== undefined) out.outcome = oneOf(filters.outcome, AUDIT_OUTCOMES, 'outcome');
  if (filters.targetType !== undefined) {
    if (typeof filters.targetType !== 'string' || !TARGET_TYPE.test(filters.targetType)) {
      throw new AuditInputError('targetType must be lowercase letters, digits and _');
    }
    out.targetType = filters.targetType;
  }
  if (filters.targetId !== undefined) out.targetId = requiredId(filters.targetId, 'targetId');
  if (filters.from !== undefined) out.from = validDate(filters.from, 'from');
  if (filters.to !== undefined) out.to = validDate(filters.to, 'to');
  return out;
}

function normalizeTenantId(tenantId: string): string {
  if (!isUuid(tenantId)) {
    throw new AuditInputError('tenantId must be a UUID, or null for a platform-level event');
  }
  return tenantId.toLowerCase();
}

function normalizeAction(action: string): string {
  if (typeof action !== 'string' || action.length > MAX_ACTION || !ACTION.test(action)) {
    throw new AuditInputError('action must be dotted lowercase words, e.g. "sender.create"');
  }
  return action;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T))
    throw new AuditInputError(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function optionalId(value: string | null | undefined, field: string): string | null {
  return value === undefined || value === null ? null : requiredId(value, field);
}

function requiredId(value: string, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID) {
    throw new AuditInputError(`${field} must be 1 to ${MAX_ID} characters`);
  }
  return value;
}

function validDate(value: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AuditInputError(`${field} must be a valid date`);
  }
  return value;
}

/** Free text from a client (display names, user agents): never refused, only bounded. */
function boundedText(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  const clean = [...String(value).replace(CONTROL, ' ')].slice(0, max).join('').trim();
  return clean.length ? clean : null;
}

function normalizeIp(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  // A zone (fe80::1%eth0) is local routing detail that PostgreSQL's inet does not take.
  const address = String(value).replace(/%.*$/, '');
  if (!isIP(address)) throw new AuditInputError('sourceIp must be an IPv4 or IPv6 address');
  return address;
}

function normalizeDetails(details: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (details === undefined || details === null) return {};
  if (typeof details !== 'object' || Array.isArray(details)) {
    throw new AuditInputError('details must be a JSON object');
  }
  let json: string;
  try {
    json = JSON.stringify(redact(details, 0));
  } catch (error) {
    if (error instanceof AuditInputError) throw error;
    throw new AuditInputError(`details must be JSON: ${(error as Error).message}`);
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_DETAILS_BYTES) {
    throw new AuditInputError(`details must be at most ${MAX_DETAILS_BYTES} bytes of JSON`);
  }
  return JSON.parse(json) as Record<string, unknown>;
}

/** A copy without secrets under secret-looking keys and without NUL (jsonb refuses \u0000). */
function redact(value: unknown, depth: number): unknown {
  if (depth > MAX_DETAILS_DEPTH) throw new AuditInputError(`details nest deeper than ${MAX_DETAILS_DEPTH}`);
  if (typeof value === 'string') return value.replaceAll('\u0000', '\ufffd');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key.replaceAll('\u0000', '\ufffd')] = SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
