/** XML namespaces and algorithm identifiers used by SAML 2.0 and XML-DSig. */
export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const BINDINGS = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const BEARER_METHOD = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export const ALGORITHMS = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const;

/** What we accept on incoming signatures: RSA with SHA-256 or SHA-512, exclusive c14n only. */
export const ACCEPTED_SIGNATURE_METHODS: ReadonlySet<string> = new Set([
  ALGORITHMS.rsaSha256,
  ALGORITHMS.rsaSha512,
]);
export const ACCEPTED_DIGEST_METHODS: ReadonlySet<string> = new Set([ALGORITHMS.sha256, ALGORITHMS.sha512]);
export const ACCEPTED_TRANSFORMS: ReadonlySet<string> = new Set([
  ALGORITHMS.envelopedSignature,
  ALGORITHMS.excC14n,
]);
