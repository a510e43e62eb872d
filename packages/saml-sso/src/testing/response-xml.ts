import { NS } from '../xml/xml-constants.ts';

/** Every field of the Assertion a test may want to get wrong; null leaves the attribute/element out. */
export interface AssertionFields {
  assertionId: string;
  issuer: string;
  issueInstant: Date;
  nameId: string;
  nameIdFormat: string;
  /** Raw XML placed inside NameID instead of the escaped `nameId` (e.g. to inject a comment). */
  nameIdXml: string | null;
  subjectConfirmationMethod: string;
  recipient: string | null;
  subjectInResponseTo: string | null;
  subjectNotBefore: Date | null;
  subjectNotOnOrAfter: Date | null;
  notBefore: Date | null;
  notOnOrAfter: Date | null;
  /** One AudienceRestriction per inner list; null for no AudienceRestriction at all. */
  audiences: readonly (readonly string[])[] | null;
  authnInstant: Date;
  sessionIndex: string | null;
  attributes: Readonly<Record<string, string | readonly string[]>>;
}

/** Every field of the Response envelope; `assertion` null builds a Response without one. */
export interface ResponseFields {
  responseId: string;
  issueInstant: Date;
  destination: string | null;
  inResponseTo: string | null;
  /** The Response's own Issuer element; null leaves it out (it is optional). */
  responseIssuer: string | null;
  statusCode: string;
  assertion: AssertionFields | null;
}

/** Builds an unsigned SAML 2.0 Response with the usual samlp/saml prefixes. */
export function buildResponseXml(fields: ResponseFields): string {
  const attrs = [
    `xmlns:samlp="${NS.protocol}"`,
    `xmlns:saml="${NS.assertion}"`,
    `ID="${esc(fields.responseId)}"`,
    'Version="2.0"',
    `IssueInstant="${instant(fields.issueInstant)}"`,
    optionalAttr('Destination', fields.destination),
    optionalAttr('InResponseTo', fields.inResponseTo),
  ];
  return [
    `<samlp:Response ${attrs.filter(Boolean).join(' ')}>`,
    fields.responseIssuer === null ? '' : `<saml:Issuer>${esc(fields.responseIssuer)}</saml:Issuer>`,
    `<samlp:Status><samlp:StatusCode Value="${esc(fields.statusCode)}"/></samlp:Status>`,
    fields.assertion === null ? '' : buildAssertionXml(fields.assertion),
    '</samlp:Response>',
  ].join('');
}

/** Builds an unsigned saml:Assertion (namespace declared on it, so it can stand alone). */
export function buildAssertionXml(a: AssertionFields): string {
  const nameId = a.nameIdXml ?? esc(a.nameId);
  const confirmationData = [
    optionalAttr('InResponseTo', a.subjectInResponseTo),
    optionalAttr('Recipient', a.recipient),
    optionalAttr('NotBefore', a.subjectNotBefore && instant(a.subjectNotBefore)),
    optionalAttr('NotOnOrAfter', a.subjectNotOnOrAfter && instant(a.subjectNotOnOrAfter)),
  ].filter(Boolean);
  const conditions = [
    optionalAttr('NotBefore', a.notBefore && instant(a.notBefore)),
    optionalAttr('NotOnOrAfter', a.notOnOrAfter && instant(a.notOnOrAfter)),
  ].filter(Boolean);
  const audienceXml = (a.audiences ?? [])
    .map(
      (list) =>
        `<saml:AudienceRestriction>${list.map((x) => `<saml:Audience>${esc(x)}</saml:Audience>`).join('')}</saml:AudienceRestriction>`,
    )
    .join('');
  return [
    `<saml:Assertion xmlns:saml="${NS.assertion}" ID="${esc(a.assertionId)}" Version="2.0" IssueInstant="${instant(a.issueInstant)}">`,
    `<saml:Issuer>${esc(a.issuer)}</saml:Issuer>`,
    '<saml:Subject>',
    `<saml:NameID Format="${esc(a.nameIdFormat)}">${nameId}</saml:NameID>`,
    `<saml:SubjectConfirmation Method="${esc(a.subjectConfirmationMethod)}">`,
    `<saml:SubjectConfirmationData ${confirmationData.join(' ')}/>`,
    '</saml:SubjectConfirmation>',
    '</saml:Subject>',
    `<saml:Conditions ${conditions.join(' ')}>${audienceXml}</saml:Conditions>`,
    `<saml:AuthnStatement AuthnInstant="${instant(a.authnInstant)}"${a.sessionIndex === null ? '' : ` SessionIndex="${esc(a.sessionIndex)}"`}>`,
    '<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>',
    '</saml:AuthnStatement>',
    attributeStatement(a.attributes),
    '</saml:Assertion>',
  ].join('');
}

function attributeStatement(attributes: Readonly<Record<string, string | readonly string[]>>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const xml = entries.map(([name, value]) => {
    const values = (typeof value === 'string' ? [value] : value)
      .map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`)
      .join('');
    return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
  });
  return `<saml:AttributeStatement>${xml.join('')}</saml:AttributeStatement>`;
}

function optionalAttr(name: string, value: string | null): string {
  return value === null ? '' : `${name}="${esc(value)}"`;
}

/** SAML times: UTC, millisecond precision, "Z". */
export function instant(date: Date): string {
  return date.toISOString();
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
