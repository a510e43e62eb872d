import { attribute, childrenNamed, descendantElements, elementChildren, pureText } from '../xml/dom-read.ts';
import { NS, STATUS_SUCCESS } from '../xml/xml-constants.ts';
import { SamlRejected } from './saml-rejected.ts';
import { checkSignaturePolicy } from './signature-policy.ts';

/*
 * The only document shape we accept, checked before any signature is verified:
 *
 *   samlp:Response[@ID]                     the document element, the only Response anywhere
 *     saml:Issuer?
 *     ds:Signature                          signs #Response/@ID
 *     samlp:Extensions?
 *     samlp:Status/samlp:StatusCode=Success
 *     saml:Assertion[@ID]                   the only Assertion anywhere (none encrypted)
 *       saml:Issuer, ds:Signature (signs #Assertion/@ID), saml:Subject, saml:Conditions,
 *       one saml:AuthnStatement and at most one saml:AttributeStatement, in any order
 *
 * plus: exactly two ds:Signature elements in the whole document, and every ID/Id/id attribute
 * value unique. Signature-wrapping (XSW) needs a second Response or Assertion, a signature
 * somewhere else, or a duplicated ID; each of those is refused here, whatever node-saml would
 * have made of it. The caller has already rejected comments, so text cannot be split either.
 */

/** What the response-level checks need, read from the (not yet verified) document. */
export interface ResponseEnvelope {
  responseId: string;
  issueInstant: string | null;
  destination: string | null;
  inResponseTo: string | null;
  issuer: string | null;
  assertion: Element;
  assertionId: string;
}

const XS_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;
const RESPONSE_CHILDREN = /^(saml:Issuer,)?ds:Signature,(samlp:Extensions,)?samlp:Status,saml:Assertion$/;
const ASSERTION_CHILDREN =
  /^saml:Issuer,ds:Signature,saml:Subject,saml:Conditions(,saml:(AuthnStatement|AttributeStatement))+$/;

/** Checks the document's shape, its signatures' algorithms and its status; returns the envelope. */
export function inspectResponse(doc: Document): ResponseEnvelope {
  const response = doc.documentElement;
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    throw structure('document is not a samlp:Response');
  }
  // A refusal is safe on unverified data, and IdPs often leave error responses unsigned.
  const statuses = childrenNamed(response, NS.protocol, 'Status');
  if (statuses.length !== 1) throw structure('Response must hold one Status');
  assertSuccessStatus(statuses[0]!);

  const assertions = childrenNamed(response, NS.assertion, 'Assertion');
  if (assertions.length !== 1) throw structure('Response must hold exactly one (unencrypted) Assertion');
  const assertion = assertions[0]!;
  const responseSignature = onlySignature(response, 'Response');
  const assertionSignature = onlySignature(assertion, 'Assertion');

  assertUniqueWrappingTargets(response);
  const responseId = xsId(response, 'Response');
  const assertionId = xsId(assertion, 'Assertion');
  if (attribute(response, 'Version') !== '2.0' || attribute(assertion, 'Version') !== '2.0') {
    throw structure('SAML Version must be 2.0');
  }
  if (!RESPONSE_CHILDREN.test(childSequence(response))) throw structure('unexpected Response children');
  const assertionChildren = childSequence(assertion);
  if (
    !ASSERTION_CHILDREN.test(assertionChildren) ||
    count(assertionChildren, 'saml:AuthnStatement') !== 1 ||
    count(assertionChildren, 'saml:AttributeStatement') > 1
  ) {
    throw structure('unexpected Assertion children');
  }

  checkSignaturePolicy(responseSignature, responseId);
  checkSignaturePolicy(assertionSignature, assertionId);

  return {
    responseId,
    issueInstant: attribute(response, 'IssueInstant'),
    destination: attribute(response, 'Destination'),
    inResponseTo: attribute(response, 'InResponseTo'),
    issuer: optionalText(childrenNamed(response, NS.assertion, 'Issuer')[0]),
    assertion,
    assertionId,
  };
}

/** Both the Response and the Assertion must carry their own signature: exactly one each. */
function onlySignature(element: Element, what: string): Element {
  const signatures = childrenNamed(element, NS.dsig, 'Signature');
  if (signatures.length === 0) throw new SamlRejected('signature_invalid', `${what} is not signed`);
  if (signatures.length > 1) throw structure(`${what} has more than one signature`);
  return signatures[0]!;
}

/** One Response, one Assertion, two Signatures in the whole document; all IDs unique. */
function assertUniqueWrappingTargets(root: Element): void {
  const seen = new Set<string>();
  let responses = 0;
  let assertions = 0;
  let signatures = 0;
  for (const element of descendantElements(root)) {
    // Counted by local name in any namespace: a look-alike in another namespace is refused too.
    if (element.localName === 'Response') responses += 1;
    if (element.localName === 'Assertion' || element.localName === 'EncryptedAssertion') assertions += 1;
    if (element.localName === 'Signature') signatures += 1;
    for (let i = 0; i < element.attributes.length; i += 1) {
      const attr = element.attributes.item(i)!;
      if (attr.localName !== 'ID' && attr.localName !== 'Id' && attr.localName !== 'id') continue;
      if (seen.has(attr.value)) throw structure('duplicate ID attribute value');
      seen.add(attr.value);
    }
  }
  if (responses !== 1) throw structure('more than one Response element');
  if (assertions !== 1) throw structure('expected exactly one (unencrypted) Assertion');
  if (signatures !== 2) throw structure('expected exactly two signatures (Response and Assertion)');
}

function assertSuccessStatus(status: Element): void {
  const codes = childrenNamed(status, NS.protocol, 'StatusCode');
  if (codes.length !== 1) throw structure('Status must hold one StatusCode');
  if (attribute(codes[0]!, 'Value') !== STATUS_SUCCESS) {
    throw new SamlRejected('status_not_success', 'the IdP did not report success');
  }
}

/** Children as "prefix:localName" tokens, with prefixes fixed by namespace (not the document's). */
function childSequence(element: Element): string {
  const prefixes: Record<string, string> = {
    [NS.protocol]: 'samlp',
    [NS.assertion]: 'saml',
    [NS.dsig]: 'ds',
  };
  return elementChildren(element)
    .map((child) => `${prefixes[child.namespaceURI ?? ''] ?? 'other'}:${child.localName}`)
    .join(',');
}

function count(sequence: string, token: string): number {
  return sequence.split(',').filter((t) => t === token).length;
}

function xsId(element: Element, what: string): string {
  const id = attribute(element, 'ID');
  if (id === null || !XS_ID.test(id)) throw structure(`${what} ID missing or not a plain xs:ID`);
  return id;
}

function optionalText(element: Element | undefined): string | null {
  if (element === undefined) return null;
  const text = pureText(element);
  if (text === null) throw structure('Issuer must hold only text');
  return text;
}

function structure(reason: string): SamlRejected {
  return new SamlRejected('unexpected_structure', reason);
}
