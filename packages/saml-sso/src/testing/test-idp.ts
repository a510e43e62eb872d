import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { generate } from 'selfsigned';
import type { SsoBinding } from '../config/saml-config.types.ts';
import { NAME_ID_FORMATS } from '../config/saml-config.types.ts';
import type { LoginStart } from '../sp/login-request.ts';
import { BEARER_METHOD, BINDINGS, NS, STATUS_SUCCESS } from '../xml/xml-constants.ts';
import { buildResponseXml, instant, type AssertionFields, type ResponseFields } from './response-xml.ts';
import {
  signSamlElement,
  type SigningKeyPair,
  type TestDigestAlgorithm,
  type TestSignatureAlgorithm,
} from './xml-signing.ts';

/*
 * A SAML identity provider for tests, in-process: its own RSA key and self-signed certificate,
 * metadata, and Responses built field by field and signed with xml-crypto (enveloped signature,
 * exclusive c14n, RSA-SHA256 unless told otherwise). Every field has a knob so tests can build
 * the bad responses an attacker or a misconfigured IdP would send.
 */

/** What the IdP reads from our AuthnRequest, as a real IdP would. */
export interface AuthnRequestInfo {
  id: string;
  /** The SP entity ID (the audience to assert). */
  issuer: string;
  acsUrl: string;
  destination: string;
}

export interface TestResponseOptions extends Partial<Omit<ResponseFields, 'assertion'>> {
  /** Answer this AuthnRequest: its id, ACS URL and issuer become InResponseTo, Destination/Recipient, Audience. */
  request?: AuthnRequestInfo;
  /** The clock the default times are relative to. */
  now?: Date;
  /** Assertion fields to override; null for a Response without an Assertion. */
  assertion?: Partial<AssertionFields> | null;
  /** Which elements to sign. Default both. */
  sign?: { response?: boolean; assertion?: boolean };
  /** Sign with this key instead of the IdP's own (an attacker's). */
  signingKey?: SigningKeyPair;
  includeKeyInfo?: boolean;
  signatureAlgorithm?: TestSignatureAlgorithm;
  digestAlgorithm?: TestDigestAlgorithm;
}

export interface TestIdpOptions {
  entityId?: string;
  ssoUrl?: string;
  ssoBinding?: SsoBinding;
  /** Reuse a key (generating one takes a few hundred milliseconds). */
  key?: SigningKeyPair;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** Generates an RSA-2048 key and a self-signed SHA-256 certificate for it. */
export async function generateSigningKeyPair(commonName = 'test-idp'): Promise<SigningKeyPair> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { privateKeyPem: pems.private, certificatePem: `${pems.cert.trim()}\n` };
}

/** A random xs:ID like the ones IdPs generate. */
export function randomSamlId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

/** Creates a test IdP. */
export async function createTestIdp(options: TestIdpOptions = {}) {
  const key = options.key ?? (await generateSigningKeyPair());
  const entityId = options.entityId ?? `https://idp.test/${randomBytes(4).toString('hex')}/metadata`;
  const ssoUrl = options.ssoUrl ?? `https://idp.test/sso/${randomBytes(4).toString('hex')}`;
  const ssoBinding = options.ssoBinding ?? 'HTTP-Redirect';

  /** Response fields after defaults, before signing. */
  function responseFields(o: TestResponseOptions): ResponseFields {
    const now = o.now ?? new Date();
    const later = new Date(now.getTime() + FIVE_MINUTES_MS);
    const acsUrl = o.request?.acsUrl ?? 'https://sp.test/acs';
    const inResponseTo = o.inResponseTo !== undefined ? o.inResponseTo : (o.request?.id ?? null);
    const assertion: AssertionFields = {
      assertionId: randomSamlId(),
      issuer: entityId,
      issueInstant: now,
      nameId: 'alice@customer.example',
      nameIdFormat: NAME_ID_FORMATS.emailAddress,
      nameIdXml: null,
      subjectConfirmationMethod: BEARER_METHOD,
      recipient: acsUrl,
      subjectInResponseTo: inResponseTo,
      subjectNotBefore: null,
      subjectNotOnOrAfter: later,
      notBefore: now,
      notOnOrAfter: later,
      audiences: [[o.request?.issuer ?? 'https://sp.test/metadata']],
      authnInstant: now,
      sessionIndex: randomSamlId(),
      attributes: {},
      ...o.assertion,
    };
    return {
      responseId: o.responseId ?? randomSamlId(),
      issueInstant: o.issueInstant ?? now,
      destination: o.destination !== undefined ? o.destination : acsUrl,
      inResponseTo,
      responseIssuer: o.responseIssuer !== undefined ? o.responseIssuer : entityId,
      statusCode: o.statusCode ?? STATUS_SUCCESS,
      assertion: o.assertion === null ? null : assertion,
    };
  }

  /** A Response as XML, signed as asked (by default: assertion, then response). */
  function responseXml(o: TestResponseOptions = {}): string {
    const fields = responseFields(o);
    const signing = {
      key: o.signingKey ?? key,
      includeKeyInfo: o.includeKeyInfo ?? true,
      signatureAlgorithm: o.signatureAlgorithm ?? 'rsa-sha256',
      digestAlgorithm: o.digestAlgorithm ?? 'sha256',
    } as const;
    let xml = buildResponseXml(fields);
    if (fields.assertion && o.sign?.assertion !== false) {
      xml = signSamlElement(xml, { ...signing, elementId: fields.assertion.assertionId });
    }
    if (o.sign?.response !== false) xml = signSamlElement(xml, { ...signing, elementId: fields.responseId });
    return xml;
  }

  return {
    entityId,
    ssoUrl,
    ssoBinding,
    key,
    certificatePem: key.certificatePem,

    /** The IdP as separate configuration fields. */
    settings: () => ({ entityId, ssoUrl, ssoBinding, certificates: [key.certificatePem] }),

    /** The IdP's SAML 2.0 metadata. */
    metadataXml(extra: { validUntil?: Date } = {}): string {
      const cert = key.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
      const binding = ssoBinding === 'HTTP-Redirect' ? BINDINGS.redirect : BINDINGS.post;
      const validUntil = extra.validUntil ? ` validUntil="${instant(extra.validUntil)}"` : '';
      return [
        `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${entityId}"${validUntil}>`,
        `<md:IDPSSODescriptor protocolSupportEnumeration="${NS.protocol}" WantAuthnRequestsSigned="false">`,
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
        `<md:NameIDFormat>${NAME_ID_FORMATS.emailAddress}</md:NameIDFormat>`,
        `<md:SingleSignOnService Binding="${binding}" Location="${ssoUrl}"/>`,
        '</md:IDPSSODescriptor>',
        '</md:EntityDescriptor>',
      ].join('');
    },

    responseFields,
    responseXml,

    /** A Response, base64-encoded as the browser posts it. */
    responseBase64: (o: TestResponseOptions = {}) => encodeSamlResponse(responseXml(o)),
  };
}

export type TestIdp = Awaited<ReturnType<typeof createTestIdp>>;

/** Base64 as in the HTTP-POST binding's SAMLResponse form field. */
export function encodeSamlResponse(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

/** Reads the AuthnRequest of a started login, as the IdP receives it. */
export function readAuthnRequest(login: LoginStart): AuthnRequestInfo {
  const xml =
    login.binding === 'HTTP-Redirect'
      ? inflateRawSync(
          Buffer.from(new URL(login.url).searchParams.get('SAMLRequest') ?? '', 'base64'),
        ).toString('utf8')
      : Buffer.from(login.fields.SAMLRequest ?? '', 'base64').toString('utf8');
  const request = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  const issuer = request.getElementsByTagNameNS(NS.assertion, 'Issuer')[0]?.textContent ?? '';
  return {
    id: request.getAttribute('ID') ?? '',
    issuer,
    acsUrl: request.getAttribute('AssertionConsumerServiceURL') ?? '',
    destination: request.getAttribute('Destination') ?? '',
  };
}
