import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createTestIdp, randomSamlId, type TestIdp } from '../testing/test-idp.ts';
import { beginLogin, createSsoTestContext, expectRejected, tenantFor } from './sso-test-fixture.ts';
import { SamlRejected } from './saml-rejected.ts';

/* Replays and request ids: every response must answer a request this tenant made, once. */

const ctx = createSsoTestContext();
const shortLived = createSsoTestContext({ requestTtlSeconds: 1 });
let idp: TestIdp;
let tenant: TenantSamlConfig;
beforeAll(async () => {
  idp = await createTestIdp();
  tenant = tenantFor(idp);
});
afterAll(async () => {
  await ctx.close();
  await shortLived.close();
});

const validate = (samlResponse: string) => ctx.sso.validateResponse(tenant, samlResponse);

describe('replay', () => {
  it('rejects the same response posted a second time', async () => {
    const response = idp.responseBase64({ request: await beginLogin(ctx.sso, tenant) });
    await expect(validate(response)).resolves.toBeTruthy();
    await expectRejected(validate(response), 'in_response_to_unknown');
  });

  it('rejects an accepted assertion ID that comes back answering a new request', async () => {
    const assertionId = randomSamlId();
    const first = idp.responseBase64({
      request: await beginLogin(ctx.sso, tenant),
      assertion: { assertionId },
    });
    await expect(validate(first)).resolves.toBeTruthy();
    const second = idp.responseBase64({
      request: await beginLogin(ctx.sso, tenant),
      assertion: { assertionId },
    });
    await expectRejected(validate(second), 'assertion_replayed');
  });

  it('accepts exactly one of several concurrent submissions of the same response', async () => {
    const response = idp.responseBase64({ request: await beginLogin(ctx.sso, tenant) });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => validate(response)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(SamlRejected);
      expect(['in_response_to_unknown', 'in_response_to_reused', 'assertion_replayed']).toContain(
        outcome.reason.code,
      );
    }
  });
});

describe('InResponseTo', () => {
  it('rejects an InResponseTo this tenant never issued', async () => {
    const request = { ...(await beginLogin(ctx.sso, tenant)), id: `_${randomBytes(20).toString('hex')}` };
    await expectRejected(validate(idp.responseBase64({ request })), 'in_response_to_unknown');
  });

  it('rejects an InResponseTo that is not even in our request-id format', async () => {
    const request = { ...(await beginLogin(ctx.sso, tenant)), id: 'id-chosen-by-attacker' };
    await expectRejected(validate(idp.responseBase64({ request })), 'in_response_to_unknown');
  });

  it('rejects an unsolicited (IdP-initiated) response without InResponseTo', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseBase64({ request, inResponseTo: null })),
      'in_response_to_unknown',
    );
  });

  it('rejects a second, different response to a request that was already answered', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expect(validate(idp.responseBase64({ request }))).resolves.toBeTruthy();
    await expectRejected(
      validate(idp.responseBase64({ request, assertion: { nameId: 'bob@customer.example' } })),
      'in_response_to_unknown',
    );
  });

  it('rejects a SubjectConfirmationData without InResponseTo (node-saml would not consume the request id)', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const response = idp.responseBase64({ request, assertion: { subjectInResponseTo: null } });
    await expectRejected(validate(response), 'in_response_to_mismatch');
    await expectRejected(validate(response), 'in_response_to_mismatch');
  });

  it('rejects a SubjectConfirmationData InResponseTo that differs from the Response', async () => {
    const mine = await beginLogin(ctx.sso, tenant);
    const other = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseBase64({ request: mine, assertion: { subjectInResponseTo: other.id } })),
      'in_response_to_mismatch',
    );
  });

  it('rejects a response to a request older than the request lifetime', async () => {
    const request = await beginLogin(shortLived.sso, tenant);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expectRejected(
      shortLived.sso.validateResponse(tenant, idp.responseBase64({ request })),
      'in_response_to_unknown',
    );
  });
});
