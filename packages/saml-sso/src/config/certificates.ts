import { X509Certificate } from 'node:crypto';
import { SamlConfigError } from './saml-config-error.ts';

/*
 * IdP signing certificates are pinned: the tenant's certificates are the only keys trusted for
 * its responses (no chain, no KeyInfo from the message). Expiry is deliberately not enforced:
 * SAML trust is by pinning, IdP certificates are usually self-signed, and an expiry check would
 * lock a tenant out at a date nobody watches. The key must be RSA of at least 2048 bits, the only
 * key type the XML signature stack verifies.
 */

export const MAX_CERTIFICATES = 4;
const MAX_CERTIFICATE_CHARS = 16_384;
const MIN_RSA_BITS = 2048;

/** Accepts a PEM certificate or its bare base64 body; returns a normalised PEM. */
export function normalizeCertificate(input: unknown, field: string): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_CERTIFICATE_CHARS) {
    throw new SamlConfigError('invalid_field', 'certificate must be a non-empty PEM string', field);
  }
  const body = input.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new SamlConfigError('invalid_field', 'certificate is not a PEM or base64 X.509 certificate', field);
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(body, 'base64'));
  } catch {
    throw new SamlConfigError('invalid_field', 'certificate cannot be parsed as X.509', field);
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
    throw new SamlConfigError(
      'invalid_field',
      `certificate key must be RSA of at least ${MIN_RSA_BITS} bits`,
      field,
    );
  }
  return toPem(certificate.raw);
}

/** Normalises a list of certificates, dropping duplicates; at least one, at most {@link MAX_CERTIFICATES}. */
export function normalizeCertificates(input: unknown, field: string): string[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new SamlConfigError('invalid_field', 'at least one signing certificate is required', field);
  }
  const unique = [...new Set(input.map((value, i) => normalizeCertificate(value, `${field}[${i}]`)))];
  if (unique.length > MAX_CERTIFICATES) {
    throw new SamlConfigError('invalid_field', `at most ${MAX_CERTIFICATES} signing certificates`, field);
  }
  return unique;
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
