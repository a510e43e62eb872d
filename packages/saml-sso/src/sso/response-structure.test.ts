import { beforeAll, describe, expect, it } from 'vitest';
import { createTestIdp, type AuthnRequestInfo, type TestIdp } from '../testing/test-idp.ts';
import { replaceOnce } from '../testing/xml-tampering.ts';
import { parseUntrustedXml } from '../xml/safe-xml.ts';
import { inspectResponse } from './response-structure.ts';
import { RESPONSE_XML_LIMITS } from './response-validator.ts';
import { SamlRejected, type SamlRejectionCode } from './saml-rejected.ts';

/*
 * The structure check alone, one rule at a time: each case changes a genuine signed response in
 * exactly one way that only that rule catches (signatures are not verified here).
 */

let idp: TestIdp;
const request: AuthnRequestInfo = {
  id: `_${'a'.repeat(40)}`,
  issuer: 'https://sp.test/metadata',
  acsUrl: 'https://sp.test/acs',
  destination: '',
};
beforeAll(async () => {
  idp = await createTestIdp();
});

const inspect = (xml: string) => () => inspectResponse(parseUntrustedXml(xml, RESPONSE_XML_LIMITS));
const genuine = () => idp.responseXml({ request });

function expectRefused(xml: string, code: SamlRejectionCode, reason: RegExp): void {
  expect(inspect(xml)).toThrow(SamlRejected);
  expect(inspect(xml)).toThrow(expect.objectContaining({ code, reason: expect.stringMatching(reason) }));
}

const beforeStatus = (xml: string, inserted: string) =>
  replaceOnce(xml, '<samlp:Status>', `${inserted}<samlp:Status>`);
const extensions = (content: string) => `<samlp:Extensions>${content}</samlp:Extensions>`;

describe('document-wide wrapping gate', () => {
  it('passes a genuine response', () => {
    expect(inspect(genuine())()).toMatchObject({
      destination: 'https://sp.test/acs',
      inResponseTo: request.id,
    });
  });

  it('refuses a second Assertion hidden in Extensions, even with its own ID', () => {
    const hidden = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_other" Version="2.0"/>`;
    expectRefused(
      beforeStatus(genuine(), extensions(hidden)),
      'unexpected_structure',
      /exactly one \(unencrypted\) Assertion/,
    );
  });

  it('refuses an Assertion look-alike in a foreign namespace', () => {
    expectRefused(
      beforeStatus(genuine(), extensions('<x:Assertion xmlns:x="urn:evil" ID="_x"/>')),
      'unexpected_structure',
      /Assertion/,
    );
  });

  it('refuses a second Response nested anywhere', () => {
    expectRefused(
      beforeStatus(genuine(), extensions('<x:Response xmlns:x="urn:evil"/>')),
      'unexpected_structure',
      /more than one Response/,
    );
  });

  it('refuses a third Signature anywhere', () => {
    expectRefused(
      beforeStatus(genuine(), extensions('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>')),
      'unexpected_structure',
      /two signatures/,
    );
  });

  it('refuses an element that reuses the Assertion ID (ID, Id or id, in any namespace)', () => {
    const xml = genuine();
    const assertionId = /<saml:Assertion [^>]*ID="([^"]+)"/.exec(xml)![1]!;
    for (const attr of ['ID', 'Id', 'id', 'xmlns:z="urn:z" z:ID']) {
      expectRefused(
        beforeStatus(xml, extensions(`<x:y xmlns:x="urn:evil" ${attr}="${assertionId}"/>`)),
        'unexpected_structure',
        /duplicate ID/,
      );
    }
  });

  it('refuses an EncryptedAssertion (not supported)', () => {
    const encrypted = '<saml:EncryptedAssertion/>';
    expectRefused(
      beforeStatus(genuine(), extensions(encrypted)),
      'unexpected_structure',
      /exactly one \(unencrypted\) Assertion/,
    );
  });
});

describe('element layout', () => {
  it('refuses an unknown child of the Response', () => {
    expectRefused(beforeStatus(genuine(), '<samlp:Other/>'), 'unexpected_structure', /Response children/);
  });

  it('refuses Advice in the Assertion (it may carry other assertions)', () => {
    const xml = replaceOnce(genuine(), '<saml:AuthnStatement', '<saml:Advice/><saml:AuthnStatement');
    expectRefused(xml, 'unexpected_structure', /Assertion children/);
  });

  it('refuses a second AuthnStatement', () => {
    const xml = genuine();
    const statement = /<saml:AuthnStatement[\s\S]*?<\/saml:AuthnStatement>/.exec(xml)![0];
    expectRefused(
      replaceOnce(xml, statement, statement + statement.replace(/SessionIndex="[^"]+"/, '')),
      'unexpected_structure',
      /Assertion children/,
    );
  });

  it('refuses an ID that is not a plain xs:ID', () => {
    const xml = genuine();
    const responseId = /<samlp:Response [^>]*ID="([^"]+)"/.exec(xml)![1]!;
    expectRefused(
      xml.replaceAll(`"${responseId}"`, `"x' or '1'='1"`).replaceAll(`#${responseId}`, "#x' or '1'='1"),
      'unexpected_structure',
      /xs:ID/,
    );
  });
});

describe('signature shape', () => {
  it('refuses a ds:Object inside a signature', () => {
    // The first SignatureValue in document order is the Response's.
    const xml = genuine().replace('</ds:SignatureValue>', '</ds:SignatureValue><ds:Object/>');
    expectRefused(xml, 'unexpected_structure', /unexpected elements/);
  });

  it('refuses a reference to another element than the signed one', () => {
    const xml = genuine();
    const assertionId = /<saml:Assertion [^>]*ID="([^"]+)"/.exec(xml)![1]!;
    expectRefused(
      xml.replace(`URI="#${assertionId}"`, 'URI="#_elsewhere"'),
      'unexpected_structure',
      /reference does not point/,
    );
  });

  it('refuses inclusive (non-exclusive) canonicalisation', () => {
    const xml = genuine().replace(
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"',
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"',
    );
    expectRefused(xml, 'unsupported_algorithm', /canonicalisation/);
  });

  it('refuses extra or unknown transforms', () => {
    const xpath = '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>';
    expectRefused(
      genuine().replace('<ds:Transforms>', `<ds:Transforms>${xpath}`),
      'unsupported_algorithm',
      /transforms/,
    );
  });

  it('refuses a signature without the enveloped-signature transform', () => {
    expectRefused(
      genuine().replace(
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
        '',
      ),
      'unsupported_algorithm',
      /transforms/,
    );
  });
});
