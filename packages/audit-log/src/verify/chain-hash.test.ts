import { describe, expect, it } from 'vitest';
import { computeAuditHash, encodeAuditHashInput, GENESIS_HASH, type AuditHashFields } from './chain-hash.ts';

const base: AuditHashFields = {
  id: '7ae5990f-eccc-4cdc-b018-9d06a6e41cf5',
  tenantId: '11111111-1111-1111-1111-111111111111',
  seq: '1',
  occurredAtMicros: '1764176702981573',
  actorType: 'user',
  actorId: 'u1',
  actorDisplay: 'Alice',
  action: 'sender.create',
  targetType: 'sender',
  targetId: 's1',
  outcome: 'success',
  sourceIp: '10.0.0.1',
  userAgent: 'curl',
  detailsText: '{"a": 1}',
  prevHash: GENESIS_HASH,
};

describe('the v1 hash encoding', () => {
  it('length-prefixes every field in UTF-8 bytes and marks NULL apart from the empty string', () => {
    const encoded = encodeAuditHashInput({ ...base, actorDisplay: 'Zoë', targetId: null, userAgent: '' });
    expect(encoded).toBe(
      '14:elara-audit-v1,36:7ae5990f-eccc-4cdc-b018-9d06a6e41cf5,36:11111111-1111-1111-1111-111111111111,' +
        '1:1,16:1764176702981573,4:user,2:u1,4:Zoë,13:sender.create,6:sender,-,7:success,8:10.0.0.1,0:,' +
        `8:{"a": 1},64:${GENESIS_HASH},`,
    );
  });

  it('cannot be shifted: moving a character between fields changes the hash', () => {
    const a = computeAuditHash({ ...base, actorId: 'u1,', actorDisplay: 'Alice' });
    const b = computeAuditHash({ ...base, actorId: 'u1', actorDisplay: ',Alice' });
    expect(a).not.toBe(b);
    expect(computeAuditHash({ ...base, userAgent: null })).not.toBe(
      computeAuditHash({ ...base, userAgent: '' }),
    );
    expect(computeAuditHash({ ...base, tenantId: null })).not.toBe(computeAuditHash(base));
  });

  it('is lowercase hex SHA-256', () => {
    expect(computeAuditHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
