export type SamlConfigProblem =
  | 'invalid_field'
  | 'metadata_too_large'
  | 'metadata_dtd_forbidden'
  | 'metadata_malformed'
  | 'metadata_no_idp'
  | 'metadata_ambiguous'
  | 'metadata_no_sso_service'
  | 'metadata_no_signing_certificate'
  | 'metadata_expired';

/** A tenant SAML configuration that cannot be used; `field` names the offending setting. */
export class SamlConfigError extends Error {
  override readonly name = 'SamlConfigError';
  readonly code: SamlConfigProblem;
  readonly field: string | null;

  constructor(code: SamlConfigProblem, message: string, field: string | null = null) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
