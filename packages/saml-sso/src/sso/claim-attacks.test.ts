import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createTestIdp, type TestIdp, type TestResponseOptions } from '../testing/test-idp.ts';
import {
  PUBLIC_BASE_URL,
  beginLogin,
  createSsoTestContext,
  expectRejected,
  tenantFor,
} from './sso-test-fixture.ts';
import type { SamlRejectionCode } from './saml-rejected.ts';

/*
 * Correctly signed responses that say the wrong thing: audience, destination, recipient, issuer,
 * times. None of these is a forgery, so only the claim checks stand between them and a session.
 */

const ctx = createSsoTestContext();
let idp: TestIdp;
let tenant: TenantSamlConfig; // clock skew 60 s, maximum assertion age 300 s (the defaults)
beforeAll(async () => {
  idp = await createTestIdp();
  tenant = tenantFor(idp);
});
afterAll(() => ctx.close());

const SECOND = 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
const fromNow = (ms: number) => new Date(Date.now() + ms);
const elsewhere = `${PUBLIC_BASE_URL}/api/v1/sso/someone-else`;

/** A signed response to a fresh login of `tenant`, with `options` applied. */
async function respond(options: Omit<TestResponseOptions, 'request'> = {}) {
  const request = await beginLogin(ctx.sso, tenant);
  return ctx.sso.validateResponse(tenant, idp.responseBase64({ request, ...options }));
}

const rejects = (options: Omit<TestResponseOptions, 'request'>, code: SamlRejectionCode) =>
  expectRejected(respond(options), code);

it('control: the same setup with nothing wrong is accepted', async () => {
  await expect(respond()).resolves.toMatchObject({ tenantId: tenant.tenantId });
});

describe('audience', () => {
  it('rejects an assertion for another SP', () =>
    rejects({ assertion: { audiences: [[`${elsewhere}/metadata`]] } }, 'audience_mismatch'));
  it('rejects an assertion without AudienceRestriction', () =>
    rejects({ assertion: { audiences: null } }, 'audience_mismatch'));
  it('rejects when a second AudienceRestriction excludes us (all must hold)', async () => {
    const ours = ctx.sso.endpoints(tenant).entityId;
    await rejects({ assertion: { audiences: [[ours], [`${elsewhere}/metadata`]] } }, 'audience_mismatch');
  });
  it('accepts our audience listed among others in one restriction', async () => {
    const ours = ctx.sso.endpoints(tenant).entityId;
    await expect(
      respond({ assertion: { audiences: [[`${elsewhere}/metadata`, ours]] } }),
    ).resolves.toBeTruthy();
  });
});

describe('destination and recipient', () => {
  it('rejects a Response whose Destination is another ACS', () =>
    rejects({ destination: `${elsewhere}/acs` }, 'destination_mismatch'));
  it('rejects a Response without Destination', () => rejects({ destination: null }, 'destination_mismatch'));
  it('rejects a SubjectConfirmationData Recipient of another ACS', () =>
    rejects({ assertion: { recipient: `${elsewhere}/acs` } }, 'recipient_mismatch'));
  it('rejects a SubjectConfirmationData without Recipient', () =>
    rejects({ assertion: { recipient: null } }, 'recipient_mismatch'));
  it('rejects a holder-of-key confirmation (only bearer is supported)', () =>
    rejects(
      { assertion: { subjectConfirmationMethod: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' } },
      'recipient_mismatch',
    ));
});

describe('issuer', () => {
  it("rejects an Assertion Issuer that is not the tenant's IdP", () =>
    rejects({ assertion: { issuer: 'https://evil.test/idp' } }, 'issuer_mismatch'));
  it("rejects a Response Issuer that is not the tenant's IdP", () =>
    rejects({ responseIssuer: 'https://evil.test/idp' }, 'issuer_mismatch'));
  it('accepts a Response without its optional Issuer', async () => {
    await expect(respond({ responseIssuer: null })).resolves.toBeTruthy();
  });
});

describe('times (skew 60 s, max age 300 s)', () => {
  it('rejects an assertion whose Conditions NotOnOrAfter has passed', () =>
    rejects({ assertion: { notOnOrAfter: ago(2 * 60 * SECOND) } }, 'expired'));
  it('rejects a SubjectConfirmationData NotOnOrAfter that has passed', () =>
    rejects({ assertion: { subjectNotOnOrAfter: ago(2 * 60 * SECOND) } }, 'expired'));
  it('rejects an assertion without NotOnOrAfter', () =>
    rejects({ assertion: { notOnOrAfter: null } }, 'expired'));
  it('rejects a SubjectConfirmationData without NotOnOrAfter', () =>
    rejects({ assertion: { subjectNotOnOrAfter: null } }, 'expired'));
  it('rejects NotBefore beyond the clock skew', () =>
    rejects({ assertion: { notBefore: fromNow(2 * 60 * SECOND) } }, 'not_yet_valid'));
  it('accepts NotBefore within the clock skew', async () => {
    await expect(respond({ assertion: { notBefore: fromNow(30 * SECOND) } })).resolves.toBeTruthy();
  });
  it('rejects an assertion issued in the future beyond the skew', () =>
    rejects({ assertion: { issueInstant: fromNow(10 * 60 * SECOND) } }, 'not_yet_valid'));
  it('rejects an assertion older than the maximum age, though its NotOnOrAfter is still ahead', () =>
    rejects(
      {
        issueInstant: ago(6 * 60 * SECOND),
        assertion: { issueInstant: ago(6 * 60 * SECOND), notBefore: ago(6 * 60 * SECOND) },
      },
      'too_old',
    ));
  it('rejects a Response issued longer ago than the maximum age', () =>
    rejects({ issueInstant: ago(10 * 60 * SECOND) }, 'too_old'));
  it('rejects a timestamp without the UTC "Z" (Date.parse would read local time)', async () => {
    const request = await beginLogin(ctx.sso, tenant);
    const xml = idp.responseXml({ request }).replace(/NotOnOrAfter="([^"]+)Z"/, 'NotOnOrAfter="$1"');
    await expectRejected(
      ctx.sso.validateResponse(tenant, Buffer.from(xml).toString('base64')),
      'unexpected_structure',
    );
  });
});

describe('status and identity', () => {
  it('reports an IdP error status as status_not_success', () =>
    rejects(
      {
        statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
        assertion: null,
        sign: { response: false },
      },
      'status_not_success',
    ));
  it('rejects an empty NameID', () => rejects({ assertion: { nameId: '  ' } }, 'missing_identity'));
  it('rejects a NameID that is not an email when email comes from the NameID', () =>
    rejects({ assertion: { nameId: 'alice' } }, 'missing_identity'));
});
