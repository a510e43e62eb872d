import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { descendantElements, elementChildren } from '../xml/dom-read.ts';
import { ALGORITHMS } from '../xml/xml-constants.ts';

/** A signing key and its self-signed certificate, both PEM. */
export interface SigningKeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

export type TestSignatureAlgorithm = 'rsa-sha1' | 'rsa-sha256' | 'rsa-sha512';
export type TestDigestAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface SignElementOptions {
  /** The ID of the element to sign (a Response or an Assertion). */
  elementId: string;
  key: SigningKeyPair;
  signatureAlgorithm?: TestSignatureAlgorithm;
  digestAlgorithm?: TestDigestAlgorithm;
  /** Put the signer's certificate in KeyInfo (what real IdPs do). Default true. */
  includeKeyInfo?: boolean;
}

const SIGNATURE_URIS: Record<TestSignatureAlgorithm, string> = {
  'rsa-sha1': ALGORITHMS.rsaSha1,
  'rsa-sha256': ALGORITHMS.rsaSha256,
  'rsa-sha512': ALGORITHMS.rsaSha512,
};
const DIGEST_URIS: Record<TestDigestAlgorithm, string> = {
  sha1: ALGORITHMS.sha1,
  sha256: ALGORITHMS.sha256,
  sha512: ALGORITHMS.sha512,
};

/**
 * Signs one element the way SAML IdPs do: an enveloped signature placed right after the element's
 * Issuer (or first, when it has none), exclusive c14n, RSA-SHA256 and SHA-256 by default.
 */
export function signSamlElement(xml: string, options: SignElementOptions): string {
  const target = `//*[@ID='${options.elementId}']`;
  const signer = new SignedXml({
    privateKey: options.key.privateKeyPem,
    publicCert: options.includeKeyInfo === false ? undefined : options.key.certificatePem,
    signatureAlgorithm: SIGNATURE_URIS[options.signatureAlgorithm ?? 'rsa-sha256'],
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
    ...(options.includeKeyInfo === false ? { getKeyInfoContent: () => null } : {}),
  });
  signer.addReference({
    xpath: target,
    transforms: [ALGORITHMS.envelopedSignature, ALGORITHMS.excC14n],
    digestAlgorithm: DIGEST_URIS[options.digestAlgorithm ?? 'sha256'],
  });
  const issuer = `${target}/*[local-name(.)='Issuer']`;
  const hasIssuer = firstChildName(xml, options.elementId) === 'Issuer';
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: hasIssuer ? { reference: issuer, action: 'after' } : { reference: target, action: 'prepend' },
  });
  return signer.getSignedXml();
}

function firstChildName(xml: string, elementId: string): string | undefined {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  const element = descendantElements(root).find((e) => e.getAttribute('ID') === elementId);
  if (!element) throw new Error(`no element with ID ${elementId}`);
  return elementChildren(element)[0]?.localName;
}
