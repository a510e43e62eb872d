import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { childrenNamed } from '../xml/dom-read.ts';
import { NS } from '../xml/xml-constants.ts';

/** Removes the enveloped signature of the Response, of its Assertion, or of both. */
export function stripSignature(xml: string, from: 'response' | 'assertion' | 'both'): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const response = doc.documentElement;
  const targets: Element[] = [];
  if (from !== 'assertion') targets.push(response);
  if (from !== 'response') targets.push(...childrenNamed(response, NS.assertion, 'Assertion'));
  for (const element of targets) {
    for (const signature of childrenNamed(element, NS.dsig, 'Signature')) element.removeChild(signature);
  }
  return new XMLSerializer().serializeToString(doc);
}

/**
 * Replaces the single occurrence of `find` (throws if it is absent or not unique), e.g. one
 * character of a signed value.
 */
export function replaceOnce(xml: string, find: string, replacement: string): string {
  const at = xml.indexOf(find);
  if (at < 0 || xml.indexOf(find, at + 1) >= 0) throw new Error(`expected exactly one occurrence of ${find}`);
  return xml.slice(0, at) + replacement + xml.slice(at + find.length);
}

/** The text of the first element with this local name (to tamper with a signed value). */
export function firstText(xml: string, localName: string): string {
  const match = new RegExp(`<(?:[A-Za-z0-9]+:)?${localName}(?:\\s[^>]*)?>([^<]*)<`).exec(xml);
  if (!match) throw new Error(`no ${localName} text in the document`);
  return match[1]!;
}
