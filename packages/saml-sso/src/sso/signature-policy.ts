import { attribute, childrenNamed, elementChildren, isNamed } from '../xml/dom-read.ts';
import {
  ACCEPTED_DIGEST_METHODS,
  ACCEPTED_SIGNATURE_METHODS,
  ACCEPTED_TRANSFORMS,
  ALGORITHMS,
  NS,
} from '../xml/xml-constants.ts';
import { SamlRejected } from './saml-rejected.ts';

/*
 * node-saml verifies whatever algorithm a signature names, and xml-crypto still accepts SHA-1.
 * Before any verification we require each signature to be the plain SAML shape: one SignedInfo
 * with exclusive c14n, RSA-SHA256/512, exactly one Reference to the enclosing element's ID with
 * the enveloped-signature transform (plus at most exclusive c14n), and a SHA-256/512 digest.
 */

/** Checks one ds:Signature that must sign the element whose ID is `signedId`. */
export function checkSignaturePolicy(signature: Element, signedId: string): void {
  const parts = elementChildren(signature);
  const signedInfo = childrenNamed(signature, NS.dsig, 'SignedInfo');
  const values = childrenNamed(signature, NS.dsig, 'SignatureValue');
  const keyInfos = childrenNamed(signature, NS.dsig, 'KeyInfo');
  if (signedInfo.length !== 1 || values.length !== 1 || keyInfos.length > 1) {
    throw structure('signature must hold one SignedInfo, one SignatureValue, at most one KeyInfo');
  }
  if (parts.length !== 2 + keyInfos.length)
    throw structure('signature holds unexpected elements (e.g. Object)');

  const info = signedInfo[0]!;
  const c14n = singleAlgorithm(info, 'CanonicalizationMethod');
  if (c14n !== ALGORITHMS.excC14n) throw algorithm('SignedInfo canonicalisation must be exclusive c14n');
  const method = singleAlgorithm(info, 'SignatureMethod');
  if (!ACCEPTED_SIGNATURE_METHODS.has(method))
    throw algorithm('signature method must be RSA-SHA256 or RSA-SHA512');

  const references = childrenNamed(info, NS.dsig, 'Reference');
  if (references.length !== 1 || elementChildren(info).length !== 3) {
    throw structure('SignedInfo must hold exactly one Reference');
  }
  checkReference(references[0]!, signedId);
}

function checkReference(reference: Element, signedId: string): void {
  if (attribute(reference, 'URI') !== `#${signedId}`) {
    throw structure('signature reference does not point at the element that holds it');
  }
  const transformLists = childrenNamed(reference, NS.dsig, 'Transforms');
  if (transformLists.length !== 1) throw structure('reference must list its transforms');
  const transforms = elementChildren(transformLists[0]!);
  const names = transforms.map((t) =>
    isNamed(t, NS.dsig, 'Transform') ? (attribute(t, 'Algorithm') ?? '') : '',
  );
  if (
    names.length === 0 ||
    names.length > 2 ||
    names[0] !== ALGORITHMS.envelopedSignature ||
    !names.every((n) => ACCEPTED_TRANSFORMS.has(n)) ||
    new Set(names).size !== names.length
  ) {
    throw algorithm('transforms must be enveloped-signature, optionally followed by exclusive c14n');
  }
  const digest = singleAlgorithm(reference, 'DigestMethod');
  if (!ACCEPTED_DIGEST_METHODS.has(digest)) throw algorithm('digest must be SHA-256 or SHA-512');
  if (childrenNamed(reference, NS.dsig, 'DigestValue').length !== 1)
    throw structure('reference needs one DigestValue');
}

function singleAlgorithm(parent: Element, localName: string): string {
  const found = childrenNamed(parent, NS.dsig, localName);
  if (found.length !== 1) throw structure(`expected exactly one ${localName}`);
  return attribute(found[0]!, 'Algorithm') ?? '';
}

function structure(reason: string): SamlRejected {
  return new SamlRejected('unexpected_structure', reason);
}

function algorithm(reason: string): SamlRejected {
  return new SamlRejected('unsupported_algorithm', reason);
}
