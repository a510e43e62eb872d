import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestIdp, type TestIdp } from '../testing/test-idp.ts';
import { parseIdpMetadata } from './idp-metadata.ts';
import { SamlConfigError, type SamlConfigProblem } from './saml-config-error.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await createTestIdp({
    entityId: 'https://idp.customer.example/saml',
    ssoUrl: 'https://idp.customer.example/sso',
  });
});

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const certBody = () => idp.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');

function expectProblem(xml: string, code: SamlConfigProblem): void {
  expect(() => parseIdpMetadata(xml)).toThrow(SamlConfigError);
  expect(() => parseIdpMetadata(xml)).toThrow(expect.objectContaining({ code }));
}

describe('IdP metadata', () => {
  it('reads entity ID, SSO URL and binding, and the signing certificate', () => {
    expect(parseIdpMetadata(idp.metadataXml())).toEqual({
      entityId: 'https://idp.customer.example/saml',
      ssoUrl: 'https://idp.customer.example/sso',
      ssoBinding: 'HTTP-Redirect',
      certificates: [idp.certificatePem],
    });
  });

  it('prefers HTTP-Redirect, takes HTTP-POST when that is all, ignores encryption keys, allows comments', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <!-- exported by the IdP -->
      <EntitiesDescriptor xmlns="${MD}" xmlns:ds="${DS}">
        <EntityDescriptor entityID="https://sp.elsewhere/metadata"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>
        <EntityDescriptor entityID="https://idp.customer.example/saml">
          <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>not-a-cert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
            <KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
              ${certBody()}
            </ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
            <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://idp.customer.example/soap"/>
            <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.customer.example/post"/>
          </IDPSSODescriptor>
        </EntityDescriptor>
      </EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml)).toMatchObject({
      entityId: 'https://idp.customer.example/saml',
      ssoUrl: 'https://idp.customer.example/post',
      ssoBinding: 'HTTP-POST',
      certificates: [idp.certificatePem],
    });
  });

  it('rejects a DOCTYPE with an external entity (XXE)', () => {
    expectProblem(
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${idp.metadataXml()}`,
      'metadata_dtd_forbidden',
    );
  });

  it('rejects billion laughs', () => {
    expectProblem(
      `<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${idp.metadataXml()}`,
      'metadata_dtd_forbidden',
    );
  });

  it('rejects metadata over 256 KiB', () => {
    expectProblem(
      idp
        .metadataXml()
        .replace('</md:EntityDescriptor>', `<!--${'x'.repeat(256 * 1024)}--></md:EntityDescriptor>`),
      'metadata_too_large',
    );
  });

  it('rejects XML that is not well-formed', () =>
    expectProblem('<md:EntityDescriptor', 'metadata_malformed'));
  it('rejects a document that is not metadata', () => expectProblem('<html/>', 'metadata_malformed'));

  it('rejects metadata whose validUntil has passed', () => {
    expectProblem(idp.metadataXml({ validUntil: new Date(Date.now() - 1000) }), 'metadata_expired');
  });

  it('rejects metadata without an IdP', () => {
    expectProblem(
      `<EntityDescriptor xmlns="${MD}" entityID="x"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>`,
      'metadata_no_idp',
    );
  });

  it('rejects an aggregate with several IdPs', () => {
    const entity = idp.metadataXml().replace(/ xmlns:md="[^"]+" xmlns:ds="[^"]+"/, '');
    expectProblem(
      `<md:EntitiesDescriptor xmlns:md="${MD}" xmlns:ds="${DS}">${entity}${entity}</md:EntitiesDescriptor>`,
      'metadata_ambiguous',
    );
  });

  it('rejects metadata without a usable SSO binding', () => {
    expectProblem(
      idp.metadataXml().replace(/bindings:HTTP-Redirect/, 'bindings:SOAP'),
      'metadata_no_sso_service',
    );
  });

  it('rejects metadata without a signing certificate', () => {
    expectProblem(
      idp.metadataXml().replace('use="signing"', 'use="encryption"'),
      'metadata_no_signing_certificate',
    );
  });

  it('rejects an SSO URL over plain http', () => {
    expectProblem(
      idp.metadataXml().replace('https://idp.customer.example/sso', 'http://idp.customer.example/sso'),
      'invalid_field',
    );
  });

  it('rejects an RSA key under 2048 bits', async () => {
    const weak = await generate([{ name: 'commonName', value: 'weak' }], {
      keySize: 1024,
      algorithm: 'sha256',
    });
    const body = weak.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
    expectProblem(idp.metadataXml().replace(certBody(), body), 'invalid_field');
  });
});
