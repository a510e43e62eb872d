import { SAML, type CacheProvider } from '@node-saml/passport-saml';
import type { SamlRole, TenantSamlConfig } from '../config/saml-config.types.ts';
import type { SpEndpoints } from '../sp/sp-endpoints.ts';
import { decodeBase64Xml, parseUntrustedXml, XmlInputError, type XmlLimits } from '../xml/safe-xml.ts';
import { readAssertionClaims, type AssertionClaims } from './assertion-claims.ts';
import { acceptableUntilMs, checkAssertion, checkEnvelope, type Expectations } from './assertion-checks.ts';
import type { AssertionReplayCache } from './assertion-replay-cache.ts';
import { fromNodeSamlError } from './node-saml-errors.ts';
import { nodeSamlOptions } from './node-saml-options.ts';
import { createRequestIdCache, type SamlRedis } from './request-id-cache.ts';
import { inspectResponse, type ResponseEnvelope } from './response-structure.ts';
import { SamlRejected } from './saml-rejected.ts';
import { mapUser } from './user-mapping.ts';

/** A verified SSO login, ready for the identity package to find or create the user. */
export interface SamlLoginResult {
  tenantId: string;
  /** The IdP entity ID: with `nameId`, the stable key of the external identity. */
  issuer: string;
  nameId: string;
  nameIdFormat: string | null;
  email: string;
  displayName: string | null;
  role: SamlRole;
  sessionIndex: string | null;
  /** The AuthnRequest this response answered. */
  requestId: string;
}

export interface ValidateOptions {
  /** The request id the browser's login started with (e.g. from a cookie): InResponseTo must equal it. */
  expectedRequestId?: string;
}

/**
 * Shape limits for a SAMLResponse (the byte limit is configurable). A real response is about 7
 * levels deep; elements are mostly attribute values, so 5,000 leaves room for users in hundreds
 * of groups. No comments, processing instructions or CDATA: text cannot be split.
 */
export const RESPONSE_XML_LIMITS: XmlLimits = {
  maxBytes: 256 * 1024,
  maxDepth: 24,
  maxElements: 5_000,
  textOnlyContent: true,
};

export interface ResponseValidatorDeps {
  redis: SamlRedis;
  keyPrefix: string;
  requestTtlMs: number;
  maxResponseBytes: number;
  replayCache: AssertionReplayCache;
}

/**
 * Validation order: text-level limits and DTD refusal, strict parse, the accepted document shape
 * and algorithms, our checks on the raw assertion (precise early refusals), node-saml (signatures
 * with this tenant's certificates only, request id, times, audience), our checks again on the
 * assertion node-saml took from the verified signature (these decide), then the request id is
 * consumed exactly once and the assertion ID recorded against replay.
 */
export function createResponseValidator(deps: ResponseValidatorDeps) {
  const limits: XmlLimits = { ...RESPONSE_XML_LIMITS, maxBytes: deps.maxResponseBytes };

  /** The request id is consumed exactly once, then the assertion ID is recorded against replay. */
  async function consumeOnce(
    tenant: TenantSamlConfig,
    requestIds: CacheProvider,
    consumedByNodeSaml: boolean,
    requestId: string,
    replay: { issuer: string; assertionId: string; keepUntilMs: number },
  ): Promise<void> {
    if (!consumedByNodeSaml && (await requestIds.removeAsync(requestId)) === null) {
      throw new SamlRejected('in_response_to_reused', 'another response consumed this request id first');
    }
    if (!(await deps.replayCache.claim({ tenantId: tenant.tenantId, ...replay }))) {
      throw new SamlRejected('assertion_replayed', 'assertion ID already accepted');
    }
  }

  return {
    async validate(
      tenant: TenantSamlConfig,
      endpoints: SpEndpoints,
      samlResponse: string,
      options: ValidateOptions = {},
    ): Promise<SamlLoginResult> {
      const expect = expectationsFor(tenant, endpoints, options);
      const xml = readXml(samlResponse, limits);
      const envelope = inspectResponse(parse(xml, limits));
      checkEnvelope(envelope, expect);
      checkAssertion(readAssertionClaims(envelope.assertion), envelope, expect);

      const requestIds = createRequestIdCache({
        redis: deps.redis,
        keyPrefix: deps.keyPrefix,
        tenantId: tenant.tenantId,
        ttlMs: deps.requestTtlMs,
      });
      const consumption = trackConsumption(requestIds);
      const signedXml = await verifyWithNodeSaml(
        tenant,
        endpoints,
        xml,
        consumption.cache,
        deps.requestTtlMs,
      );
      const claims = readSignedAssertion(signedXml, envelope, limits);
      // Response-level values (Destination, InResponseTo, Issuer) are read from the document
      // element, which node-saml verified as signed: its signature references the document
      // element's ID, and IDs are unique, so the signed element is the one we read.
      checkAssertion(claims, envelope, expect);
      const user = mapUser(tenant, claims);

      const requestId = envelope.inResponseTo!;
      await consumeOnce(tenant, requestIds, consumption.consumedHere(requestId), requestId, {
        issuer: claims.issuer,
        assertionId: claims.id,
        keepUntilMs: acceptableUntilMs(claims, expect),
      });
      return {
        tenantId: tenant.tenantId,
        issuer: claims.issuer,
        nameId: claims.nameId,
        nameIdFormat: claims.nameIdFormat,
        ...user,
        sessionIndex: claims.sessionIndex,
        requestId,
      };
    },
  };
}

function expectationsFor(
  tenant: TenantSamlConfig,
  endpoints: SpEndpoints,
  options: ValidateOptions,
): Expectations {
  return {
    idpEntityId: tenant.idp.entityId,
    spEntityId: endpoints.entityId,
    acsUrl: endpoints.acsUrl,
    clockSkewMs: tenant.clockSkewSeconds * 1000,
    maxAssertionAgeMs: tenant.maxAssertionAgeSeconds * 1000,
    expectedRequestId: options.expectedRequestId ?? null,
    nowMs: Date.now(),
  };
}

export type ResponseValidator = ReturnType<typeof createResponseValidator>;

async function verifyWithNodeSaml(
  tenant: TenantSamlConfig,
  endpoints: SpEndpoints,
  xml: string,
  cacheProvider: CacheProvider,
  requestTtlMs: number,
): Promise<string> {
  const saml = new SAML(nodeSamlOptions({ tenant, endpoints, cacheProvider, requestTtlMs }));
  try {
    // Re-encoded from the exact text we inspected, so node-saml cannot decode something else.
    const { profile } = await saml.validatePostResponseAsync({
      SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'),
    });
    const assertionXml = profile?.getAssertionXml?.();
    if (typeof assertionXml !== 'string')
      throw new SamlRejected('invalid_response', 'node-saml returned no assertion');
    return assertionXml;
  } catch (error) {
    throw fromNodeSamlError(error);
  }
}

/** The assertion node-saml took from signed bytes; it must be the one we inspected. */
function readSignedAssertion(xml: string, envelope: ResponseEnvelope, limits: XmlLimits): AssertionClaims {
  const claims = readAssertionClaims(parse(xml, limits).documentElement);
  if (claims.id !== envelope.assertionId) {
    throw new SamlRejected('unexpected_structure', 'signed assertion is not the assertion in the document');
  }
  return claims;
}

/** Which request ids node-saml's own removal actually deleted in this validation. */
function trackConsumption(cache: CacheProvider) {
  const consumed = new Set<string>();
  return {
    cache: {
      saveAsync: (key: string, value: string) => cache.saveAsync(key, value),
      getAsync: (key: string) => cache.getAsync(key),
      async removeAsync(key: string | null) {
        const value = await cache.removeAsync(key);
        if (key !== null && value !== null) consumed.add(key);
        return value;
      },
    } satisfies CacheProvider,
    consumedHere: (key: string) => consumed.has(key),
  };
}

const XML_PROBLEM_CODES = {
  too_large: 'input_too_large',
  invalid_encoding: 'invalid_encoding',
  dtd_forbidden: 'dtd_forbidden',
  malformed_xml: 'malformed_xml',
  forbidden_node: 'unexpected_structure',
} as const;

function readXml(samlResponse: string, limits: XmlLimits): string {
  if (typeof samlResponse !== 'string')
    throw new SamlRejected('invalid_encoding', 'SAMLResponse must be a string');
  try {
    return decodeBase64Xml(samlResponse, limits.maxBytes);
  } catch (error) {
    throw asRejection(error);
  }
}

function parse(xml: string, limits: XmlLimits): Document {
  try {
    return parseUntrustedXml(xml, limits);
  } catch (error) {
    throw asRejection(error);
  }
}

function asRejection(error: unknown): unknown {
  return error instanceof XmlInputError
    ? new SamlRejected(XML_PROBLEM_CODES[error.problem], error.message)
    : error;
}
