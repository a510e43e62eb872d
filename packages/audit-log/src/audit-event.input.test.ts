import { describe, expect, it } from 'vitest';
import { normalizeAuditEvent, normalizeChainId, normalizeFilters } from './audit-event.input.ts';
import { AuditInputError } from './audit-log.errors.ts';
import type { RecordAuditEventInput } from './audit-log.types.ts';

const TENANT = 'A1B2C3D4-0000-4000-8000-000000000001';
const event: RecordAuditEventInput = {
  tenantId: TENANT,
  actor: { type: 'user', id: 'u1', display: 'alice@demobank.com' },
  action: 'sender.create',
  target: { type: 'sender', id: 's1' },
  outcome: 'success',
  sourceIp: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  details: { phone: '+14155238886' },
};

describe('normalizeAuditEvent', () => {
  it('keeps a valid event, with the tenant id lowercased', () => {
    expect(normalizeAuditEvent(event)).toEqual({
      tenantId: TENANT.toLowerCase(),
      actorType: 'user',
      actorId: 'u1',
      actorDisplay: 'alice@demobank.com',
      action: 'sender.create',
      targetType: 'sender',
      targetId: 's1',
      outcome: 'success',
      sourceIp: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      details: { phone: '+14155238886' },
    });
  });

  it.each<[string, Partial<RecordAuditEventInput>]>([
    ['a tenant id that is not a UUID', { tenantId: 'acme' }],
    ['an unknown actor type', { actor: { type: 'robot' as never, id: 'x' } }],
    ['a user without an id', { actor: { type: 'user' } }],
    ['an action that is not dotted', { action: 'create' }],
    ['an action with capitals', { action: 'Sender.Create' }],
    ['an unknown outcome', { outcome: 'maybe' as never }],
    ['a bad target type', { target: { type: 'Sender!' } }],
    ['an actor id of 201 characters', { actor: { type: 'user', id: 'x'.repeat(201) } }],
    ['an address that is not an IP', { sourceIp: 'example.com' }],
    ['details that are an array', { details: [] as never }],
    ['details over 8 KiB', { details: { blob: 'x'.repeat(9000) } }],
    ['details that are not JSON', { details: { n: 1n } }],
  ])('refuses %s', (_, change) => {
    expect(() => normalizeAuditEvent({ ...event, ...change })).toThrow(AuditInputError);
  });

  it('lets a system actor go without an id, and a platform event without a tenant', () => {
    const e = normalizeAuditEvent({ ...event, tenantId: null, actor: { type: 'system' } });
    expect(e).toMatchObject({ tenantId: null, actorType: 'system', actorId: null, actorDisplay: null });
  });

  it('bounds client text instead of refusing it', () => {
    const e = normalizeAuditEvent({
      ...event,
      userAgent: `evil\u0000agent\n${'x'.repeat(600)}`,
      actor: { type: 'user', id: 'u1', display: '  ' },
    });
    expect(e.userAgent).toHaveLength(512);
    expect(e.userAgent).toMatch(/^evil agent x+$/);
    expect(e.actorDisplay).toBeNull();
  });

  it('drops an IPv6 zone and accepts IPv4-mapped addresses', () => {
    expect(normalizeAuditEvent({ ...event, sourceIp: 'fe80::1%eth0' }).sourceIp).toBe('fe80::1');
    expect(normalizeAuditEvent({ ...event, sourceIp: '::ffff:10.0.0.1' }).sourceIp).toBe('::ffff:10.0.0.1');
  });

  it('redacts values under secret-looking keys, at any depth, and NUL characters', () => {
    const e = normalizeAuditEvent({
      ...event,
      details: {
        password: 'hunter2',
        nested: { apiKey: 'k', Authorization: 'Bearer x', list: [{ client_secret: 's' }], keep: 'a\u0000b' },
        authToken: 'sealed',
      },
    });
    expect(e.details).toEqual({
      password: '[redacted]',
      nested: {
        apiKey: '[redacted]',
        Authorization: '[redacted]',
        list: [{ client_secret: '[redacted]' }],
        keep: 'a\ufffdb',
      },
      authToken: '[redacted]',
    });
  });
});

describe('chains and filters', () => {
  it("accepts a tenant id or 'platform'", () => {
    expect(normalizeChainId(TENANT)).toBe(TENANT.toLowerCase());
    expect(normalizeChainId('platform')).toBe('platform');
    expect(() => normalizeChainId("x'; DROP TABLE audit_events; --")).toThrow(AuditInputError);
  });

  it('validates filters', () => {
    expect(normalizeFilters({ actionPrefix: 'sender.', outcome: 'denied' })).toEqual({
      actionPrefix: 'sender.',
      outcome: 'denied',
    });
    expect(() => normalizeFilters({ actionPrefix: '%' })).toThrow(AuditInputError);
    expect(() => normalizeFilters({ from: new Date('nope') })).toThrow(AuditInputError);
    expect(() => normalizeFilters({ actorType: 'root' as never })).toThrow(AuditInputError);
  });
});
