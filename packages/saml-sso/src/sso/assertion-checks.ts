import { BEARER_METHOD } from '../xml/xml-constants.ts';
import type { AssertionClaims } from './assertion-claims.ts';
import type { ResponseEnvelope } from './response-structure.ts';
import { SamlRejected } from './saml-rejected.ts';

/** What this tenant's response must say, and the clock to judge it by. */
export interface Expectations {
  idpEntityId: string;
  spEntityId: string;
  acsUrl: string;
  clockSkewMs: number;
  maxAssertionAgeMs: number;
  /** When the caller bound the login to the browser: the request id it started. */
  expectedRequestId: string | null;
  nowMs: number;
}

/**
 * Response-level checks, none of which node-saml makes: the Issuer (when present) is this
 * tenant's IdP, the Destination is this tenant's ACS URL (required: the response is signed, and
 * SAML bindings 3.5.5.2 then requires it), InResponseTo is present (and the expected one), and
 * the IssueInstant is neither in the future nor too old.
 */
export function checkEnvelope(envelope: ResponseEnvelope, expect: Expectations): void {
  if (envelope.issuer !== null && envelope.issuer !== expect.idpEntityId) {
    throw new SamlRejected('issuer_mismatch', 'Response Issuer is not this tenant IdP');
  }
  if (envelope.destination !== expect.acsUrl) {
    throw new SamlRejected('destination_mismatch', 'Response Destination is not this tenant ACS URL');
  }
  if (envelope.inResponseTo === null) {
    throw new SamlRejected('in_response_to_unknown', 'unsolicited response (no InResponseTo)');
  }
  if (expect.expectedRequestId !== null && envelope.inResponseTo !== expect.expectedRequestId) {
    throw new SamlRejected(
      'in_response_to_mismatch',
      'response answers another login than this browser started',
    );
  }
  checkIssueInstant(envelope.issueInstant, expect);
}

/**
 * Assertion checks. Run once on the raw assertion (early, precise codes) and once on the assertion
 * node-saml returns from the verified signature: only that second run decides acceptance.
 */
export function checkAssertion(
  claims: AssertionClaims,
  envelope: ResponseEnvelope,
  expect: Expectations,
): void {
  if (claims.issuer !== expect.idpEntityId) {
    throw new SamlRejected('issuer_mismatch', 'Assertion Issuer is not this tenant IdP');
  }
  checkIssueInstant(claims.issueInstant, expect);
  checkAudience(claims, expect);
  checkValidityWindow(claims.notBefore, claims.notOnOrAfter, expect, 'Conditions');
  if (claims.confirmations.length !== 1) {
    throw new SamlRejected('recipient_mismatch', 'expected exactly one SubjectConfirmation');
  }
  const confirmation = claims.confirmations[0]!;
  if (confirmation.method !== BEARER_METHOD) {
    throw new SamlRejected('recipient_mismatch', 'SubjectConfirmation method is not bearer');
  }
  if (confirmation.recipient !== expect.acsUrl) {
    throw new SamlRejected(
      'recipient_mismatch',
      'SubjectConfirmationData Recipient is not this tenant ACS URL',
    );
  }
  if (confirmation.inResponseTo !== envelope.inResponseTo) {
    throw new SamlRejected(
      'in_response_to_mismatch',
      'SubjectConfirmationData InResponseTo differs from Response',
    );
  }
  checkValidityWindow(confirmation.notBefore, confirmation.notOnOrAfter, expect, 'SubjectConfirmationData');
}

/** Until when an accepted assertion could still be accepted: how long to remember its ID. */
export function acceptableUntilMs(claims: AssertionClaims, expect: Expectations): number {
  const ends = [claims.notOnOrAfter, ...claims.confirmations.map((c) => c.notOnOrAfter)]
    .filter((v): v is string => v !== null)
    .map((v) => parseInstant(v));
  const issued = parseInstant(claims.issueInstant ?? '');
  return Math.min(Math.max(...ends), issued + expect.maxAssertionAgeMs) + expect.clockSkewMs;
}

function checkAudience(claims: AssertionClaims, expect: Expectations): void {
  if (claims.unknownConditions > 0)
    throw new SamlRejected('audience_mismatch', 'assertion has conditions we do not understand');
  if (claims.audienceRestrictions.length === 0) {
    throw new SamlRejected('audience_mismatch', 'assertion has no AudienceRestriction');
  }
  if (!claims.audienceRestrictions.every((audiences) => audiences.includes(expect.spEntityId))) {
    throw new SamlRejected('audience_mismatch', 'an AudienceRestriction does not name this tenant SP');
  }
}

function checkIssueInstant(value: string | null, expect: Expectations): void {
  if (value === null) throw new SamlRejected('unexpected_structure', 'IssueInstant missing');
  const issued = parseInstant(value);
  if (issued > expect.nowMs + expect.clockSkewMs)
    throw new SamlRejected('not_yet_valid', 'issued in the future');
  if (expect.nowMs - expect.clockSkewMs >= issued + expect.maxAssertionAgeMs) {
    throw new SamlRejected('too_old', 'issued longer ago than the maximum assertion age');
  }
}

/** NotOnOrAfter is required (an assertion that never expires is refused); NotBefore is optional. */
function checkValidityWindow(
  notBefore: string | null,
  notOnOrAfter: string | null,
  expect: Expectations,
  where: string,
): void {
  if (notBefore !== null && parseInstant(notBefore) > expect.nowMs + expect.clockSkewMs) {
    throw new SamlRejected('not_yet_valid', `${where} NotBefore is in the future`);
  }
  if (notOnOrAfter === null) throw new SamlRejected('expired', `${where} has no NotOnOrAfter`);
  if (expect.nowMs - expect.clockSkewMs >= parseInstant(notOnOrAfter)) {
    throw new SamlRejected('expired', `${where} NotOnOrAfter has passed`);
  }
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * A SAML time (xs:dateTime in UTC with a "Z", SAML core 1.3.3) in epoch milliseconds. Stricter than
 * `Date.parse`, which reads a time without zone as local time and rolls February 30 into March.
 */
export function parseInstant(value: string): number {
  const parts = INSTANT.exec(value);
  if (!parts) throw new SamlRejected('unexpected_structure', 'timestamp is not UTC xs:dateTime');
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((parts[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(ms);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new SamlRejected('unexpected_structure', 'timestamp is not a real date');
  }
  return ms;
}
