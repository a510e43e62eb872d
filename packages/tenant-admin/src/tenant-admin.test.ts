import { ForbiddenError, ForbiddenFieldsError, NotFoundError } from '@elara/access-control/errors';
import { createAuditLog } from '@elara/audit-log/service';
import { PLATFORM_CHAIN } from '@elara/audit-log/types';
import { randomAccountSid, randomPhone } from '@elara/testkit/builders';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuditTrail } from './shared/audit-trail.ts';
import { createTenantAdmin } from './tenant-admin.ts';
import { ConflictError, tenantAdminErrorToHttp, ValidationError } from './tenant-admin.errors.ts';
import {
  asPlatform,
  asUser,
  createRecordingProducer,
  createTenantAdminFixture,
  type TenantAdminFixture,
} from './testing/tenant-admin.fixture.ts';

let f: TenantAdminFixture;

beforeAll(async () => {
  f = await createTenantAdminFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('with the real audit log', () => {
  it('chains platform and tenant events, denials included, and never stores a token', async () => {
    const auditLog = createAuditLog({ pool: f.pool });
    const admin = createTenantAdmin({
      pool: f.pool,
      prisma: f.prisma,
      secretBox: f.secretBox,
      audit: auditLog,
      producer: createRecordingProducer().producer,
    });
    const tenant = await admin.tenants.create(...asPlatform(), {
      slug: `real-${Date.now()}`,
      name: 'Real Audit',
    });
    const tenantId = tenant.tenantId!;
    const token = 'c0ffeec0ffeec0ffeec0ffeec0ffee00';
    await admin.senders.create(...asUser(tenantId, 'owner'), {
      data: { phoneNumber: randomPhone(), accountSid: randomAccountSid(), authToken: token },
    });
    await expect(
      admin.settings.update(...asUser(tenantId, 'admin'), { patch: { ssoEnforced: true } }),
    ).rejects.toThrow(ForbiddenFieldsError);

    const tenantChain = await auditLog.list(tenantId);
    expect(tenantChain.events.map((e) => [e.action, e.outcome]).reverse()).toEqual([
      ['tenant.create', 'success'],
      ['sender.create', 'success'],
      ['settings.update', 'denied'],
    ]);
    const platform = await auditLog.list(PLATFORM_CHAIN, { targetId: tenantId });
    expect(platform.events.map((e) => [e.action, e.actor.type])).toEqual([
      ['tenant.create', 'platform_admin'],
    ]);
    expect(JSON.stringify(tenantChain)).not.toContain(token);
    expect(await auditLog.verify(tenantId)).toMatchObject({ ok: true });
    expect(await auditLog.verify(PLATFORM_CHAIN)).toMatchObject({ ok: true });
  });
});

describe('audit trail', () => {
  it('throws when the event of a success cannot be recorded (the change must not pass silently)', async () => {
    const failing = { record: vi.fn(async () => Promise.reject(new Error('audit down'))) };
    const trail = createAuditTrail({ audit: failing });
    const [actor, ability] = asUser('00000000-0000-4000-8000-000000000001', 'owner');
    await expect(
      trail.run({ actor, ability }, { action: 'x.do', targetType: 'x' }, async () => ({
        result: 1,
        tenantId: actor.tenantId!,
      })),
    ).rejects.toThrow('audit down');
  });

  it('throws the original error when a failed attempt cannot be recorded, and reports it', async () => {
    const failing = { record: vi.fn(async () => Promise.reject(new Error('audit down'))) };
    const onAuditFailure = vi.fn();
    const trail = createAuditTrail({ audit: failing, onAuditFailure });
    const [actor, ability] = asUser('00000000-0000-4000-8000-000000000001', 'viewer');
    await expect(
      trail.run({ actor, ability }, { action: 'x.do', targetType: 'x' }, async () => {
        throw new ConflictError('taken');
      }),
    ).rejects.toThrow(ConflictError);
    expect(onAuditFailure).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'audit down' }),
      expect.objectContaining({ action: 'x.do', outcome: 'error', details: { reason: 'conflict' } }),
    );
  });
});

describe('tenantAdminErrorToHttp', () => {
  it('maps every error the services throw, and nothing else', () => {
    const [, ability] = asUser('00000000-0000-4000-8000-000000000001', 'admin');
    expect(tenantAdminErrorToHttp(new ValidationError('bad', [{ path: 'x', message: 'y' }]))).toEqual({
      status: 400,
      code: 'invalid_input',
      message: 'bad',
      issues: [{ path: 'x', message: 'y' }],
    });
    expect(tenantAdminErrorToHttp(new ConflictError('taken'))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    expect(tenantAdminErrorToHttp(new NotFoundError('Message'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(tenantAdminErrorToHttp(new ForbiddenError(ability))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(
      tenantAdminErrorToHttp(new ForbiddenFieldsError(ability, 'update', 'TenantSettings', ['ssoEnforced'])),
    ).toMatchObject({ status: 403, fields: ['ssoEnforced'] });
    expect(tenantAdminErrorToHttp(new Error('boom'))).toBeNull();
  });
});
