import { SAML } from '@node-saml/passport-saml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createTestIdp, generateSigningKeyPair, type TestIdp } from '../testing/test-idp.ts';
import type { SigningKeyPair } from '../testing/xml-signing.ts';
import { XSW_ATTACKS } from '../testing/xsw-constructions.ts';
import { parseUntrustedXml } from '../xml/safe-xml.ts';
import { nodeSamlOptions } from './node-saml-options.ts';
import { createRequestIdCache } from './request-id-cache.ts';
import { inspectResponse } from './response-structure.ts';
import { RESPONSE_XML_LIMITS } from './response-validator.ts';
import { SamlRejected } from './saml-rejected.ts';
import { beginLogin, createSsoTestContext, tenantFor } from './sso-test-fixture.ts';

/*
 * Signature wrapping and foreign keys are refused twice, independently: by our structure check
 * before any verification, and by node-saml's own verification. Each layer is tested alone here,
 * so a regression in either (a node-saml upgrade, an edit to our checks) fails a test even though
 * the other layer would still hold.
 */

const ctx = createSsoTestContext();
let idp: TestIdp;
let attackerKey: SigningKeyPair;
let tenant: TenantSamlConfig;
beforeAll(async () => {
  [idp, attackerKey] = await Promise.all([createTestIdp(), generateSigningKeyPair('attacker')]);
  tenant = tenantFor(idp);
});
afterAll(() => ctx.close());

const structureOnly = (xml: string) => () => inspectResponse(parseUntrustedXml(xml, RESPONSE_XML_LIMITS));

/** node-saml configured exactly as the service configures it, without any of our checks. */
function nodeSamlOnly(xml: string) {
  const cacheProvider = createRequestIdCache({
    redis: ctx.redis,
    keyPrefix: ctx.keyPrefix,
    tenantId: tenant.tenantId,
    ttlMs: 600_000,
  });
  const saml = new SAML(
    nodeSamlOptions({ tenant, endpoints: ctx.sso.endpoints(tenant), cacheProvider, requestTtlMs: 600_000 }),
  );
  return saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
}

async function genuine(options: { assertionOnly?: boolean } = {}) {
  const request = await beginLogin(ctx.sso, tenant);
  return idp.responseXml({ request, sign: { response: !options.assertionOnly } });
}

describe('controls', () => {
  it('the structure check passes a genuine response', async () => {
    expect(structureOnly(await genuine())().assertionId).toMatch(/^_/);
  });
  it('node-saml alone accepts a genuine response', async () => {
    await expect(nodeSamlOnly(await genuine())).resolves.toMatchObject({
      profile: { nameID: 'alice@customer.example' },
    });
  });
});

describe('XSW1 to XSW8', () => {
  for (const [name, wrap] of Object.entries(XSW_ATTACKS)) {
    it(`${name.toUpperCase()} is refused by our structure check alone`, async () => {
      expect(structureOnly(wrap(await genuine()))).toThrow(SamlRejected);
    });

    it(`${name.toUpperCase()} is refused by node-saml alone (fully signed original)`, async () => {
      await expect(nodeSamlOnly(wrap(await genuine()))).rejects.toThrow(/signature/i);
    });
  }
});

describe('foreign keys', () => {
  it("node-saml alone refuses the attacker's key even with its certificate in KeyInfo", async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expect(nodeSamlOnly(idp.responseXml({ request, signingKey: attackerKey }))).rejects.toThrow(
      /signature/i,
    );
  });
});
