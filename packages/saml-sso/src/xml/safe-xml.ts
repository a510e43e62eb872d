import { DOMParser } from '@xmldom/xmldom';
import { NODE } from './dom-read.ts';

/*
 * Untrusted XML is checked as text before any parser sees it: a size limit, UTF-8 only, and no
 * markup declarations at all (`<!DOCTYPE`, `<!ENTITY`, ...), so external entities (XXE) and entity
 * expansion (billion laughs) never reach a parser. Parsing is then strict: any parser warning or
 * error rejects the document, and the tree is walked iteratively to bound depth and size before
 * anything recursive (XPath, canonicalisation) runs on it.
 */

export type XmlProblem =
  'too_large' | 'invalid_encoding' | 'dtd_forbidden' | 'malformed_xml' | 'forbidden_node';

/** A problem with untrusted XML input; `problem` is machine-readable, the message never quotes input. */
export class XmlInputError extends Error {
  override readonly name = 'XmlInputError';
  readonly problem: XmlProblem;

  constructor(problem: XmlProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  /** SAML messages: reject comments, processing instructions and CDATA. Metadata may carry comments. */
  textOnlyContent: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Any markup declaration except a comment or a CDATA section: DOCTYPE, ENTITY, ELEMENT, ATTLIST, ...
const MARKUP_DECLARATION = /<!(?!--|\[CDATA\[)/;
const XML_DECLARATION_ENCODING = /^\s*<\?xml\b[^?]*?\bencoding\s*=\s*["']([^"']*)["']/;

/** Strict base64 (whitespace allowed between characters) to a UTF-8 string, with a byte limit. */
export function decodeBase64Xml(encoded: string, maxBytes: number): string {
  // Base64 is 4/3 of the bytes; allow line breaks; refuse to even scan something far too long.
  if (encoded.length > Math.ceil(maxBytes / 3) * 4 * 1.1 + 64) {
    throw new XmlInputError('too_large', 'encoded input is over the size limit');
  }
  const compact = encoded.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new XmlInputError('invalid_encoding', 'input is not base64');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > maxBytes) throw new XmlInputError('too_large', 'decoded input is over the size limit');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlInputError('invalid_encoding', 'input is not UTF-8');
  }
}

/** Text-level checks that must pass before the document is handed to any parser. */
export function assertSafeXmlText(xml: string, maxBytes: number): void {
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new XmlInputError('too_large', 'document is over the size limit');
  }
  if (MARKUP_DECLARATION.test(xml)) {
    throw new XmlInputError('dtd_forbidden', 'document type and entity declarations are not accepted');
  }
  if (hasForbiddenCharacter(xml)) {
    throw new XmlInputError('invalid_encoding', 'document contains characters XML does not allow');
  }
  const declared = XML_DECLARATION_ENCODING.exec(xml)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new XmlInputError('invalid_encoding', 'only UTF-8 documents are accepted');
  }
}

/** Characters XML 1.0 does not allow: C0 controls other than tab, LF and CR; U+FFFE and U+FFFF. */
function hasForbiddenCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      return true;
    }
  }
  return false;
}

/** Parses untrusted XML strictly; throws {@link XmlInputError} on anything unexpected. */
export function parseUntrustedXml(xml: string, limits: XmlLimits): Document {
  assertSafeXmlText(xml, limits.maxBytes);
  const problems: string[] = [];
  const record = () => problems.push('parse');
  const doc = new DOMParser({
    locator: {},
    errorHandler: { warning: record, error: record, fatalError: record },
  }).parseFromString(xml, 'text/xml');
  if (problems.length > 0 || !doc || !doc.documentElement) {
    throw new XmlInputError('malformed_xml', 'document is not well-formed XML');
  }
  assertDocumentShape(doc, limits);
  return doc;
}

function assertDocumentShape(doc: Document, limits: XmlLimits): void {
  let elements = 0;
  const stack: { node: Node; depth: number }[] = [];
  for (let node = doc.firstChild; node; node = node.nextSibling) stack.push({ node, depth: 0 });
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    assertAllowedNode(node, limits);
    if (node.nodeType !== NODE.element) continue;
    elements += 1;
    if (elements > limits.maxElements) throw new XmlInputError('too_large', 'document has too many elements');
    if (depth >= limits.maxDepth) throw new XmlInputError('too_large', 'document is nested too deeply');
    for (let child = node.firstChild; child; child = child.nextSibling) {
      stack.push({ node: child, depth: depth + 1 });
    }
  }
}

function assertAllowedNode(node: Node, limits: XmlLimits): void {
  switch (node.nodeType) {
    case NODE.documentType:
    case NODE.entityReference:
      throw new XmlInputError('dtd_forbidden', 'document type and entity references are not accepted');
    case NODE.processingInstruction:
      // The XML declaration is reported as a processing instruction named "xml" at the top.
      if (node.parentNode?.nodeType === NODE.document && node.nodeName === 'xml') return;
      throw new XmlInputError('forbidden_node', 'processing instructions are not accepted');
    case NODE.comment:
    case NODE.cdata:
      if (limits.textOnlyContent) {
        throw new XmlInputError('forbidden_node', 'comments and CDATA sections are not accepted');
      }
      return;
    default:
      return;
  }
}
