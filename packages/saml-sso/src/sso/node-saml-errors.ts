import { SamlStatusError } from '@node-saml/passport-saml';
import { SamlRejected, type SamlRejectionCode } from './saml-rejected.ts';

// node-saml 5.1 signals everything with plain Errors; these are its messages, most specific first.
const RULES: readonly [RegExp, SamlRejectionCode][] = [
  [/^InResponseTo does not match/, 'in_response_to_mismatch'],
  [/InResponseTo is (not valid|missing)/, 'in_response_to_unknown'],
  [/assertion too old/, 'too_old'],
  [/^SAML assertion expired/, 'expired'],
  [/^SAML assertion not yet valid/, 'not_yet_valid'],
  [/^No valid subject confirmation/, 'expired'],
  [/audience|AudienceRestriction/i, 'audience_mismatch'],
  [/signature|signed|transforms|reference/i, 'signature_invalid'],
];

/**
 * Turns whatever node-saml threw into a {@link SamlRejected}. The original message is not kept:
 * node-saml quotes values from the response (audiences, status messages) in its messages.
 */
export function fromNodeSamlError(error: unknown): SamlRejected {
  if (error instanceof SamlRejected) return error;
  if (error instanceof SamlStatusError)
    return new SamlRejected('status_not_success', 'node-saml: IdP status');
  const message = error instanceof Error ? error.message : '';
  for (const [pattern, code] of RULES) {
    if (pattern.test(message)) return new SamlRejected(code, `node-saml: ${code}`);
  }
  return new SamlRejected('invalid_response', 'node-saml refused the response');
}
