import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestIdp,
  encodeSamlResponse,
  generateSigningKeyPair,
  type TestIdp,
} from '../testing/test-idp.ts';
import { signSamlElement, type SigningKeyPair } from '../testing/xml-signing.ts';
import { firstText, replaceOnce, stripSignature } from '../testing/xml-tampering.ts';
import { EVIL_NAME_ID, XSW_ATTACKS } from '../testing/xsw-constructions.ts';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { beginLogin, createSsoTestContext, expectRejected, tenantFor } from './sso-test-fixture.ts';

/*
 * Signature attacks. Every test that sends an attack first proves that the same login, unmodified,
 * would have been accepted (`control`), so a rejection is due to the attack and not to the setup.
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

/** A fresh login answered by the genuine IdP: the XML an attacker starts from. */
async function genuineResponse(options: { assertionOnly?: boolean } = {}) {
  const request = await beginLogin(ctx.sso, tenant);
  return idp.responseXml({ request, sign: { response: !options.assertionOnly, assertion: true } });
}

const validate = (xml: string) => ctx.sso.validateResponse(tenant, encodeSamlResponse(xml));

it('control: the genuine response from the same setup is accepted', async () => {
  await expect(validate(await genuineResponse())).resolves.toMatchObject({ email: 'alice@customer.example' });
});

describe('missing signatures', () => {
  it('rejects a response whose Response is not signed (only the assertion is)', async () => {
    await expectRejected(validate(await genuineResponse({ assertionOnly: true })), 'signature_invalid');
  });

  it('rejects a response whose Assertion is not signed (only the response is)', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseXml({ request, sign: { assertion: false } })),
      'signature_invalid',
    );
  });

  it('rejects a response with no signature at all', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseXml({ request, sign: { assertion: false, response: false } })),
      'signature_invalid',
    );
  });

  for (const from of ['response', 'assertion', 'both'] as const) {
    it(`rejects a genuine response with the ${from} signature stripped`, async () => {
      await expectRejected(validate(stripSignature(await genuineResponse(), from)), 'signature_invalid');
    });
  }
});

describe('signed by another key', () => {
  it("rejects a response signed by the attacker's key with the attacker's certificate in KeyInfo", async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const forged = idp.responseXml({ request, signingKey: attackerKey, includeKeyInfo: true });
    expect(forged).toContain(attackerKey.certificatePem.split('\n')[1]!); // the attacker's cert rides along
    await expectRejected(validate(forged), 'signature_invalid');
  });

  it("rejects a response signed by the attacker's key without KeyInfo", async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseXml({ request, signingKey: attackerKey, includeKeyInfo: false })),
      'signature_invalid',
    );
  });

  it("rejects the genuine assertion wrapped in a response re-signed by the attacker's key", async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const genuineAssertion = idp.responseXml({ request, sign: { response: false } });
    const responseId = /<samlp:Response [^>]*ID="([^"]+)"/.exec(genuineAssertion)![1]!;
    const resigned = signSamlElement(genuineAssertion, { elementId: responseId, key: attackerKey });
    await expectRejected(validate(resigned), 'signature_invalid');
  });
});

describe('tampering after signing', () => {
  it('rejects a response with one character of the NameID changed', async () => {
    const xml = await genuineResponse();
    await expectRejected(
      validate(replaceOnce(xml, '>alice@customer.example<', '>alicf@customer.example<')),
      'signature_invalid',
    );
  });

  it('rejects a response with one character of an attribute value changed', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const xml = idp.responseXml({ request, assertion: { attributes: { groups: 'elara-viewers' } } });
    await expectRejected(
      validate(replaceOnce(xml, '>elara-viewers<', '>elara-viewerz<')),
      'signature_invalid',
    );
  });

  it('rejects a response with one character of a SignatureValue changed', async () => {
    const xml = await genuineResponse();
    const value = firstText(xml, 'SignatureValue');
    const flipped = value.slice(0, 10) + (value[10] === 'A' ? 'B' : 'A') + value.slice(11);
    await expectRejected(validate(replaceOnce(xml, value, flipped)), 'signature_invalid');
  });

  it('rejects a response whose Destination was edited after signing', async () => {
    const xml = await genuineResponse();
    await expectRejected(validate(xml.replace('/acs"', '/acs?x"')), 'destination_mismatch');
  });
});

describe('algorithms', () => {
  it('rejects RSA-SHA1 signatures', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseXml({ request, signatureAlgorithm: 'rsa-sha1' })),
      'unsupported_algorithm',
    );
  });

  it('rejects SHA-1 digests', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    await expectRejected(
      validate(idp.responseXml({ request, digestAlgorithm: 'sha1' })),
      'unsupported_algorithm',
    );
  });

  it('accepts RSA-SHA512 with SHA-512 digests', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const xml = idp.responseXml({ request, signatureAlgorithm: 'rsa-sha512', digestAlgorithm: 'sha512' });
    await expect(validate(xml)).resolves.toMatchObject({ requestId: request.id });
  });
});

describe('signature wrapping (XSW1 to XSW8)', () => {
  for (const [name, wrap] of Object.entries(XSW_ATTACKS)) {
    it(`rejects ${name.toUpperCase()} built from a fully signed response`, async () => {
      const evil = wrap(await genuineResponse());
      expect(evil).toContain(EVIL_NAME_ID);
      await expect(validate(evil)).rejects.toThrow(
        /SAML response rejected: (unexpected_structure|signature_invalid)/,
      );
    });

    if (name === 'xsw1' || name === 'xsw2') continue; // these wrap the Response's own signature
    it(`rejects ${name.toUpperCase()} built from a response where only the assertion is signed`, async () => {
      const evil = wrap(await genuineResponse({ assertionOnly: true }));
      expect(evil).toContain(EVIL_NAME_ID);
      await expect(validate(evil)).rejects.toThrow(
        /SAML response rejected: (unexpected_structure|signature_invalid)/,
      );
    });
  }
});

describe('comment injection in NameID', () => {
  it('never yields a truncated identity: a comment inside NameID is refused', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    // Signed by the genuine IdP: the signature is valid, because exclusive c14n drops comments.
    const xml = idp.responseXml({
      request,
      assertion: { nameIdXml: 'admin@customer.example<!---->.evil.com' },
    });
    await expectRejected(validate(xml), 'unexpected_structure');
  });

  it('refuses a comment inserted into the NameID of a genuine response after signing', async () => {
    const xml = await genuineResponse();
    await expectRejected(
      validate(replaceOnce(xml, '>alice@customer.example<', '>alice@customer.example<!---->.evil.com<')),
      'unexpected_structure',
    );
  });
});
