import { attribute, childrenNamed, elementChildren, isNamed, pureText } from '../xml/dom-read.ts';
import { NS } from '../xml/xml-constants.ts';
import { SamlRejected } from './saml-rejected.ts';

/** One SubjectConfirmation with its data, as written in the assertion. */
export interface SubjectConfirmationClaims {
  method: string | null;
  recipient: string | null;
  inResponseTo: string | null;
  notBefore: string | null;
  notOnOrAfter: string | null;
}

/** What an assertion says, read without judging it (see `assertion-checks.ts`). */
export interface AssertionClaims {
  id: string;
  issueInstant: string | null;
  issuer: string;
  nameId: string;
  nameIdFormat: string | null;
  confirmations: SubjectConfirmationClaims[];
  notBefore: string | null;
  notOnOrAfter: string | null;
  /** Each AudienceRestriction's audiences; all restrictions must name us (SAML core 2.5.1.4). */
  audienceRestrictions: string[][];
  /** Conditions we do not understand; any makes the assertion invalid (SAML core 2.5.1.5). */
  unknownConditions: number;
  sessionIndex: string | null;
  /** Attribute name to its text values (values with element content are left out). */
  attributes: ReadonlyMap<string, readonly string[]>;
}

const KNOWN_CONDITIONS = new Set(['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction']);
const MAX_NAME_ID_CHARS = 1024;

/** Reads a saml:Assertion element; throws {@link SamlRejected} when a required part is missing. */
export function readAssertionClaims(assertion: Element): AssertionClaims {
  if (!isNamed(assertion, NS.assertion, 'Assertion')) throw structure('not a saml:Assertion');
  const subject = single(assertion, 'Subject');
  const conditions = single(assertion, 'Conditions');
  const conditionElements = elementChildren(conditions);
  return {
    id: attribute(assertion, 'ID') ?? '',
    issueInstant: attribute(assertion, 'IssueInstant'),
    issuer: text(single(assertion, 'Issuer'), 'Issuer'),
    ...readNameId(subject),
    confirmations: childrenNamed(subject, NS.assertion, 'SubjectConfirmation').map(readConfirmation),
    notBefore: attribute(conditions, 'NotBefore'),
    notOnOrAfter: attribute(conditions, 'NotOnOrAfter'),
    audienceRestrictions: childrenNamed(conditions, NS.assertion, 'AudienceRestriction').map((restriction) =>
      childrenNamed(restriction, NS.assertion, 'Audience').map((a) => text(a, 'Audience')),
    ),
    unknownConditions: conditionElements.filter(
      (c) => c.namespaceURI !== NS.assertion || !KNOWN_CONDITIONS.has(c.localName),
    ).length,
    sessionIndex: attribute(single(assertion, 'AuthnStatement'), 'SessionIndex'),
    attributes: readAttributes(assertion),
  };
}

function readNameId(subject: Element): { nameId: string; nameIdFormat: string | null } {
  const identifiers = elementChildren(subject).filter(
    (e) => e.namespaceURI === NS.assertion && ['NameID', 'BaseID', 'EncryptedID'].includes(e.localName),
  );
  if (identifiers.length !== 1 || !isNamed(identifiers[0]!, NS.assertion, 'NameID')) {
    throw new SamlRejected('missing_identity', 'Subject must hold exactly one plain NameID');
  }
  const nameId = text(identifiers[0]!, 'NameID').trim();
  if (nameId.length === 0 || nameId.length > MAX_NAME_ID_CHARS) {
    throw new SamlRejected('missing_identity', 'NameID is empty or too long');
  }
  return { nameId, nameIdFormat: attribute(identifiers[0]!, 'Format') };
}

function readConfirmation(confirmation: Element): SubjectConfirmationClaims {
  const data = childrenNamed(confirmation, NS.assertion, 'SubjectConfirmationData');
  if (data.length > 1) throw structure('more than one SubjectConfirmationData');
  const read = (name: string) => (data[0] ? attribute(data[0], name) : null);
  return {
    method: attribute(confirmation, 'Method'),
    recipient: read('Recipient'),
    inResponseTo: read('InResponseTo'),
    notBefore: read('NotBefore'),
    notOnOrAfter: read('NotOnOrAfter'),
  };
}

function readAttributes(assertion: Element): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const statement of childrenNamed(assertion, NS.assertion, 'AttributeStatement')) {
    for (const element of childrenNamed(statement, NS.assertion, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (name === null) throw structure('Attribute without a Name');
      const values = childrenNamed(element, NS.assertion, 'AttributeValue')
        .map((value) => pureText(value))
        .filter((value): value is string => value !== null);
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return attributes;
}

function single(parent: Element, localName: string): Element {
  const found = childrenNamed(parent, NS.assertion, localName);
  if (found.length !== 1) throw structure(`expected exactly one ${localName}`);
  return found[0]!;
}

function text(element: Element, what: string): string {
  const value = pureText(element);
  if (value === null) throw structure(`${what} must hold only text`);
  return value;
}

function structure(reason: string): SamlRejected {
  return new SamlRejected('unexpected_structure', reason);
}
