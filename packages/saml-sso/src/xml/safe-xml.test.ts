import { describe, expect, it } from 'vitest';
import {
  assertSafeXmlText,
  decodeBase64Xml,
  parseUntrustedXml,
  XmlInputError,
  type XmlProblem,
} from './safe-xml.ts';

const limits = { maxBytes: 1024, maxDepth: 4, maxElements: 10, textOnlyContent: true };

function expectProblem(run: () => unknown, problem: XmlProblem): void {
  expect(run).toThrow(XmlInputError);
  expect(run).toThrow(expect.objectContaining({ problem }));
}

describe('decodeBase64Xml', () => {
  it('decodes base64 with line breaks', () => {
    const encoded = Buffer.from('<a>é</a>').toString('base64');
    expect(decodeBase64Xml(`${encoded.slice(0, 4)}\r\n${encoded.slice(4)}`, 1024)).toBe('<a>é</a>');
  });
  it('refuses characters outside base64', () =>
    expectProblem(() => decodeBase64Xml('PGE+!!==', 1024), 'invalid_encoding'));
  it('refuses a bad length', () => expectProblem(() => decodeBase64Xml('PGE', 1024), 'invalid_encoding'));
  it('refuses an empty value', () => expectProblem(() => decodeBase64Xml('', 1024), 'invalid_encoding'));
  it('refuses invalid UTF-8', () =>
    expectProblem(
      () => decodeBase64Xml(Buffer.from([0xc3, 0x28]).toString('base64'), 1024),
      'invalid_encoding',
    ));
  it('refuses more than maxBytes once decoded', () =>
    expectProblem(() => decodeBase64Xml(Buffer.alloc(1025, 0x61).toString('base64'), 1024), 'too_large'));
});

describe('assertSafeXmlText', () => {
  it.each([
    ['<!DOCTYPE a><a/>'],
    ['<!ENTITY x "y"><a/>'],
    ['<a><!ELEMENT a ANY></a>'],
    ['<?xml version="1.0"?>\n<!doctype a>\n<a/>'],
  ])('refuses markup declarations: %s', (xml) =>
    expectProblem(() => assertSafeXmlText(xml, 1024), 'dtd_forbidden'),
  );
  it('allows comments and CDATA at the text level (the parser decides)', () => {
    expect(() => assertSafeXmlText('<a><!-- c --><![CDATA[x]]></a>', 1024)).not.toThrow();
  });
  it('refuses NUL and other control characters', () =>
    expectProblem(() => assertSafeXmlText('<a>\u0000</a>', 1024), 'invalid_encoding'));
  it('counts bytes, not characters', () =>
    expectProblem(() => assertSafeXmlText(`<a>${'é'.repeat(600)}</a>`, 1024), 'too_large'));
});

describe('parseUntrustedXml', () => {
  it('parses namespaced XML', () => {
    const doc = parseUntrustedXml(
      '<?xml version="1.0" encoding="utf-8"?><p:a xmlns:p="urn:x"><p:b>t</p:b></p:a>',
      limits,
    );
    expect(doc.documentElement.namespaceURI).toBe('urn:x');
  });
  it('refuses what xmldom only warns about (an unclosed element)', () =>
    expectProblem(() => parseUntrustedXml('<a><b></a>', limits), 'malformed_xml'));
  it('refuses an undeclared entity', () =>
    expectProblem(() => parseUntrustedXml('<a>&x;</a>', limits), 'malformed_xml'));
  it('refuses two root elements', () =>
    expectProblem(() => parseUntrustedXml('<a/><b/>', limits), 'malformed_xml'));
  it('refuses depth over the limit', () =>
    expectProblem(() => parseUntrustedXml('<a><a><a><a><a/></a></a></a></a>', limits), 'too_large'));
  it('refuses more elements than the limit', () =>
    expectProblem(() => parseUntrustedXml(`<a>${'<b/>'.repeat(10)}</a>`, limits), 'too_large'));
  it('refuses comments when content must be text only', () =>
    expectProblem(() => parseUntrustedXml('<a>x<!---->y</a>', limits), 'forbidden_node'));
  it('refuses CDATA when content must be text only', () =>
    expectProblem(() => parseUntrustedXml('<a><![CDATA[x]]></a>', limits), 'forbidden_node'));
  it('allows comments when told (metadata)', () => {
    expect(
      parseUntrustedXml('<a>x<!---->y</a>', { ...limits, textOnlyContent: false }).documentElement
        .textContent,
    ).toBe('xy');
  });
  it('refuses processing instructions other than the XML declaration', () =>
    expectProblem(
      () => parseUntrustedXml('<a><?php x ?></a>', { ...limits, textOnlyContent: false }),
      'forbidden_node',
    ));
  it('refuses a declared encoding other than UTF-8', () =>
    expectProblem(
      () => parseUntrustedXml('<?xml version="1.0" encoding="UTF-16"?><a/>', limits),
      'invalid_encoding',
    ));
});
