/** Why a SAML response was refused. Stable, machine-readable; safe to log and to map to a UI message. */
export const SAML_REJECTION_CODES = [
  /** Over the size limit (encoded or decoded), too deep or too many elements. */
  'input_too_large',
  /** Not base64, not UTF-8, or characters XML does not allow. */
  'invalid_encoding',
  /** A DOCTYPE, entity declaration or entity reference (XXE, billion laughs). */
  'dtd_forbidden',
  /** Not well-formed XML. */
  'malformed_xml',
  /** Not the one shape we accept: one Response, one Assertion, signatures where they belong, unique IDs, no comments. */
  'unexpected_structure',
  /** A signature or digest algorithm, canonicalisation or transform outside the allow-list (e.g. SHA-1). */
  'unsupported_algorithm',
  /** Missing, stripped or invalid signature, or signed by a key this tenant does not trust. */
  'signature_invalid',
  /** The IdP answered with a non-success status (e.g. the user cancelled). */
  'status_not_success',
  /** InResponseTo missing, or not a request this tenant made (expired, unknown, already used). */
  'in_response_to_unknown',
  /** The request id was consumed by another response first. */
  'in_response_to_reused',
  /** InResponseTo differs between Response and SubjectConfirmationData, or from the expected request. */
  'in_response_to_mismatch',
  /** Response or Assertion Issuer is not this tenant's IdP entity ID. */
  'issuer_mismatch',
  /** Response Destination missing or not this tenant's ACS URL. */
  'destination_mismatch',
  /** SubjectConfirmation is not one bearer confirmation whose Recipient is this tenant's ACS URL. */
  'recipient_mismatch',
  /** No AudienceRestriction, or one that does not name this tenant's SP entity ID. */
  'audience_mismatch',
  /** NotBefore or IssueInstant later than now plus the allowed clock skew. */
  'not_yet_valid',
  /** NotOnOrAfter (Conditions or SubjectConfirmationData) has passed, or is missing. */
  'expired',
  /** IssueInstant older than the tenant's maxAssertionAgeSeconds. */
  'too_old',
  /** This assertion ID was already accepted. */
  'assertion_replayed',
  /** No usable NameID or email in the assertion. */
  'missing_identity',
  /** No group maps to a role and the tenant has no default role. */
  'no_role',
  /** node-saml refused the response for a reason none of the codes above describes. */
  'invalid_response',
] as const;

export type SamlRejectionCode = (typeof SAML_REJECTION_CODES)[number];

/**
 * A refused SAML response. The message holds only the code; `reason` is one of our own fixed
 * strings (never text from the response), so both are safe to log.
 */
export class SamlRejected extends Error {
  override readonly name = 'SamlRejected';
  readonly code: SamlRejectionCode;
  readonly reason: string;

  constructor(code: SamlRejectionCode, reason: string) {
    super(`SAML response rejected: ${code}`);
    this.code = code;
    this.reason = reason;
  }
}
