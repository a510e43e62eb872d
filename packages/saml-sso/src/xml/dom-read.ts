/*
 * Small, namespace-aware readers over an @xmldom/xmldom tree. Everything compares namespace URI and
 * local name (never prefixes or `local-name()` alone), and text is read only from elements whose
 * children are all text, so a comment or a nested element can never split or hide part of a value.
 */

export const NODE = {
  element: 1,
  text: 3,
  cdata: 4,
  entityReference: 5,
  processingInstruction: 7,
  comment: 8,
  document: 9,
  documentType: 10,
} as const;

export function isElement(node: Node): node is Element {
  return node.nodeType === NODE.element;
}

export function isNamed(element: Element, namespace: string, localName: string): boolean {
  return element.namespaceURI === namespace && element.localName === localName;
}

/** The element children of a node, in document order. */
export function elementChildren(parent: Node): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (isElement(node)) found.push(node);
  return found;
}

export function childrenNamed(parent: Node, namespace: string, localName: string): Element[] {
  return elementChildren(parent).filter((e) => isNamed(e, namespace, localName));
}

/**
 * The text of an element made only of text (and CDATA) nodes; null when it holds anything else
 * (an element, a comment, a processing instruction).
 */
export function pureText(element: Element): string | null {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== NODE.text && node.nodeType !== NODE.cdata) return null;
    text += (node as CharacterData).data;
  }
  return text;
}

/** An attribute's value, or null when it is absent (xmldom returns '' for both). */
export function attribute(element: Element, name: string): string | null {
  return element.hasAttribute(name) ? element.getAttribute(name) : null;
}

/** Every element below (and including) `root`, depth first, without recursion. */
export function descendantElements(root: Element): Element[] {
  const found: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    found.push(element);
    const children = elementChildren(element);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return found;
}
