import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createTestIdp, type AuthnRequestInfo, type TestIdp } from '../testing/test-idp.ts';
import { beginLogin, createSsoTestContext, expectRejected, tenantFor } from './sso-test-fixture.ts';

/*
 * The tenant is the one whose slug is in the ACS URL. A response that tenant A's IdP signed can
 * never produce a session for tenant B: B checks B's audience, destination, recipient, issuer,
 * request ids and certificates, none of which A's IdP can satisfy.
 */

const ctx = createSsoTestContext();
let idpA: TestIdp;
let idpB: TestIdp;
let tenantA: TenantSamlConfig;
let tenantB: TenantSamlConfig;
beforeAll(async () => {
  [idpA, idpB] = await Promise.all([createTestIdp(), createTestIdp()]);
  tenantA = tenantFor(idpA);
  tenantB = tenantFor(idpB);
});
afterAll(() => ctx.close());

/** What an IdP would answer if it believed the request came from `tenant`'s SP. */
function aimedAt(tenant: TenantSamlConfig, requestId: string): AuthnRequestInfo {
  const { entityId, acsUrl } = ctx.sso.endpoints(tenant);
  return { id: requestId, issuer: entityId, acsUrl, destination: '' };
}

describe("tenant A's IdP against tenant B", () => {
  it('control: each tenant accepts its own IdP, and the login names that tenant', async () => {
    const login = await ctx.sso.validateResponse(
      tenantA,
      idpA.responseBase64({ request: await beginLogin(ctx.sso, tenantA) }),
    );
    expect(login.tenantId).toBe(tenantA.tenantId);
  });

  it("rejects A's genuine response posted to B's ACS", async () => {
    const response = idpA.responseBase64({ request: await beginLogin(ctx.sso, tenantA) });
    await expectRejected(ctx.sso.validateResponse(tenantB, response), 'issuer_mismatch');
    // ...and it was not spent by that attempt: A can still use it.
    await expect(ctx.sso.validateResponse(tenantA, response)).resolves.toMatchObject({
      tenantId: tenantA.tenantId,
    });
  });

  it("rejects A's IdP asserting for B's SP, answering a request B really made", async () => {
    const requestOfB = await beginLogin(ctx.sso, tenantB);
    await expectRejected(
      ctx.sso.validateResponse(tenantB, idpA.responseBase64({ request: requestOfB })),
      'issuer_mismatch',
    );
  });

  it("rejects A's IdP claiming to be B's IdP (B does not trust A's key)", async () => {
    const requestOfB = await beginLogin(ctx.sso, tenantB);
    const forged = idpA.responseBase64({
      request: requestOfB,
      responseIssuer: idpB.entityId,
      assertion: { issuer: idpB.entityId },
    });
    await expectRejected(ctx.sso.validateResponse(tenantB, forged), 'signature_invalid');
  });
});

describe('two tenants configured with the same IdP (same entity ID and key)', () => {
  let shared: TestIdp;
  let tenantC: TenantSamlConfig;
  let tenantD: TenantSamlConfig;
  beforeAll(async () => {
    shared = await createTestIdp();
    tenantC = tenantFor(shared);
    tenantD = tenantFor(shared);
  });

  it("rejects C's response at D's ACS", async () => {
    const response = shared.responseBase64({ request: await beginLogin(ctx.sso, tenantC) });
    await expectRejected(ctx.sso.validateResponse(tenantD, response), 'destination_mismatch');
  });

  it("rejects a response aimed at D's endpoints that answers C's request id (request ids are per tenant)", async () => {
    const requestOfC = await beginLogin(ctx.sso, tenantC);
    const response = shared.responseBase64({ request: aimedAt(tenantD, requestOfC.id) });
    await expectRejected(ctx.sso.validateResponse(tenantD, response), 'in_response_to_unknown');
  });

  it("rejects C's audience inside a response otherwise aimed at D", async () => {
    const requestOfD = await beginLogin(ctx.sso, tenantD);
    const response = shared.responseBase64({
      request: requestOfD,
      assertion: { audiences: [[ctx.sso.endpoints(tenantC).entityId]] },
    });
    await expectRejected(ctx.sso.validateResponse(tenantD, response), 'audience_mismatch');
  });

  it("accepts D's own login, for D only", async () => {
    const response = shared.responseBase64({ request: await beginLogin(ctx.sso, tenantD) });
    await expect(ctx.sso.validateResponse(tenantD, response)).resolves.toMatchObject({
      tenantId: tenantD.tenantId,
    });
  });
});
