import { attribute, childrenNamed, descendantElements, isNamed, pureText } from '../xml/dom-read.ts';
import { BINDINGS, NS } from '../xml/xml-constants.ts';
import { parseUntrustedXml, XmlInputError } from '../xml/safe-xml.ts';
import { normalizeCertificates } from './certificates.ts';
import type { IdpSettings, SsoBinding } from './saml-config.types.ts';
import { SamlConfigError } from './saml-config-error.ts';
import { parseWebUrl } from './urls.ts';

/*
 * Reads an IdP's SAML 2.0 metadata (an EntityDescriptor, or an EntitiesDescriptor holding exactly
 * one IdP). The metadata's own signature is not verified: it is uploaded by the tenant's admin
 * through the authenticated console, so it is trusted like the separate fields would be.
 */

export const MAX_METADATA_BYTES = 256 * 1024;
const METADATA_LIMITS = {
  maxBytes: MAX_METADATA_BYTES,
  maxDepth: 32,
  maxElements: 5_000,
  textOnlyContent: false,
};
const SAML2_PROTOCOL = NS.protocol;

/** Parses IdP metadata XML into {@link IdpSettings}; throws {@link SamlConfigError}. */
export function parseIdpMetadata(xml: string, nowMs: number = Date.now()): IdpSettings {
  const root = parseMetadataDocument(xml).documentElement;
  assertStillValid(root, nowMs);
  const entity = selectIdpEntity(root);
  assertStillValid(entity, nowMs);
  const entityId = attribute(entity, 'entityID');
  if (!entityId)
    throw new SamlConfigError('metadata_malformed', 'EntityDescriptor has no entityID', 'idp.metadataXml');
  const descriptors = childrenNamed(entity, NS.metadata, 'IDPSSODescriptor').filter(supportsSaml2);
  if (descriptors.length !== 1) {
    throw new SamlConfigError('metadata_no_idp', 'expected one SAML 2.0 IDPSSODescriptor', 'idp.metadataXml');
  }
  const descriptor = descriptors[0]!;
  return {
    entityId,
    ...selectSsoService(descriptor),
    certificates: normalizeCertificates(signingCertificates(descriptor), 'idp.metadataXml'),
  };
}

function parseMetadataDocument(xml: string): Document {
  if (typeof xml !== 'string')
    throw new SamlConfigError('invalid_field', 'metadata must be a string', 'idp.metadataXml');
  try {
    return parseUntrustedXml(xml, METADATA_LIMITS);
  } catch (error) {
    if (!(error instanceof XmlInputError)) throw error;
    const code =
      error.problem === 'too_large'
        ? 'metadata_too_large'
        : error.problem === 'dtd_forbidden'
          ? 'metadata_dtd_forbidden'
          : 'metadata_malformed';
    throw new SamlConfigError(code, `IdP metadata rejected: ${error.message}`, 'idp.metadataXml');
  }
}

function selectIdpEntity(root: Element): Element {
  if (isNamed(root, NS.metadata, 'EntityDescriptor')) return root;
  if (!isNamed(root, NS.metadata, 'EntitiesDescriptor')) {
    throw new SamlConfigError(
      'metadata_malformed',
      'root is not a SAML metadata descriptor',
      'idp.metadataXml',
    );
  }
  const idps = descendantElements(root).filter(
    (e) =>
      isNamed(e, NS.metadata, 'EntityDescriptor') &&
      childrenNamed(e, NS.metadata, 'IDPSSODescriptor').length > 0,
  );
  if (idps.length === 0)
    throw new SamlConfigError('metadata_no_idp', 'metadata describes no IdP', 'idp.metadataXml');
  if (idps.length > 1) {
    throw new SamlConfigError(
      'metadata_ambiguous',
      'metadata describes more than one IdP',
      'idp.metadataXml',
    );
  }
  return idps[0]!;
}

function assertStillValid(element: Element, nowMs: number): void {
  const validUntil = attribute(element, 'validUntil');
  if (validUntil === null) return;
  const until = Date.parse(validUntil);
  if (Number.isNaN(until))
    throw new SamlConfigError('metadata_malformed', 'validUntil is not a date', 'idp.metadataXml');
  if (until <= nowMs)
    throw new SamlConfigError('metadata_expired', 'metadata validUntil has passed', 'idp.metadataXml');
}

function supportsSaml2(descriptor: Element): boolean {
  return (attribute(descriptor, 'protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL);
}

/** HTTP-Redirect is preferred (a plain link); HTTP-POST when it is all the IdP offers. */
function selectSsoService(descriptor: Element): { ssoUrl: string; ssoBinding: SsoBinding } {
  const services = childrenNamed(descriptor, NS.metadata, 'SingleSignOnService');
  const preferences: [string, SsoBinding][] = [
    [BINDINGS.redirect, 'HTTP-Redirect'],
    [BINDINGS.post, 'HTTP-POST'],
  ];
  for (const [binding, name] of preferences) {
    const service = services.find((s) => attribute(s, 'Binding') === binding);
    if (service)
      return { ssoUrl: parseWebUrl(attribute(service, 'Location'), 'idp.metadataXml'), ssoBinding: name };
  }
  throw new SamlConfigError(
    'metadata_no_sso_service',
    'no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding',
    'idp.metadataXml',
  );
}

/** Certificates of KeyDescriptors for signing (use="signing" or no use). */
function signingCertificates(descriptor: Element): string[] {
  const certificates: string[] = [];
  for (const keyDescriptor of childrenNamed(descriptor, NS.metadata, 'KeyDescriptor')) {
    const use = attribute(keyDescriptor, 'use');
    if (use !== null && use !== 'signing') continue;
    for (const keyInfo of childrenNamed(keyDescriptor, NS.dsig, 'KeyInfo')) {
      for (const data of childrenNamed(keyInfo, NS.dsig, 'X509Data')) {
        for (const cert of childrenNamed(data, NS.dsig, 'X509Certificate')) {
          const text = pureText(cert);
          if (text === null) {
            throw new SamlConfigError(
              'metadata_malformed',
              'X509Certificate must hold only text',
              'idp.metadataXml',
            );
          }
          certificates.push(text);
        }
      }
    }
  }
  if (certificates.length === 0) {
    throw new SamlConfigError(
      'metadata_no_signing_certificate',
      'no signing certificate in the metadata',
      'idp.metadataXml',
    );
  }
  return certificates;
}
