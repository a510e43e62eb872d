import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '@elara/logger/logger';
import type { SsoLoginService } from '@elara/tenant-admin/sso-login';
import { sendError } from '../../http/errors.ts';
import { mapAdminError } from '../admin-errors.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const REQUEST_COOKIE = 'elara_saml_request';
/** The IdP's POST carries a signed XML document, base64: generous, but bounded. */
const MAX_ACS_BODY = '400kb';

function requestIdFromCookie(req: Request): string | undefined {
  const cookies = req.get('cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${REQUEST_COOKIE}=([A-Za-z0-9_-]{1,128})`).exec(cookies);
  return match?.[1];
}

/** RelayState comes back from the browser: only a relative path is honoured, never a URL. */
function safeRelayState(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_-]{0,200}$/.test(value) && !value.startsWith('//')
    ? value
    : undefined;
}

function fail(res: Response, error: unknown, logger: Logger): void {
  const mapped = mapAdminError(error);
  if (mapped) return sendError(res, mapped.status, mapped.code, mapped.message);
  logger.error({ err: error }, 'sso error');
  sendError(res, 500, 'internal', 'internal error');
}

/**
 * SAML endpoints per tenant, chosen by slug: SP metadata, the login redirect, and the ACS. The
 * login sets a short-lived cookie with the request id, which the ACS requires, so a response the
 * user's browser did not ask for is refused (login CSRF).
 */
export function ssoRoutes({
  sso,
  logger,
  secureCookies,
}: {
  sso: SsoLoginService;
  logger: Logger;
  secureCookies: boolean;
}): Router {
  const router = express.Router();
  const cookieAttributes = `Path=/api/v1/sso; HttpOnly; Max-Age=600; ${secureCookies ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;

  router.get('/api/v1/sso/:slug/metadata', async (req, res) => {
    if (!SLUG.test(req.params.slug))
      return sendError(res, 404, 'not_found', 'single sign-on is not available for this tenant');
    try {
      res.type('application/samlmetadata+xml').send(await sso.metadata(req.params.slug));
    } catch (error) {
      fail(res, error, logger);
    }
  });

  router.get('/api/v1/sso/:slug/login', async (req, res) => {
    if (!SLUG.test(req.params.slug))
      return sendError(res, 404, 'not_found', 'single sign-on is not available for this tenant');
    try {
      const start = await sso.start(req.params.slug, safeRelayState(req.query.relayState));
      res.setHeader('Set-Cookie', `${REQUEST_COOKIE}=${start.requestId}; ${cookieAttributes}`);
      if (start.binding === 'HTTP-Redirect') return res.redirect(302, start.url);
      const fields = Object.entries(start.fields)
        .map(
          ([name, value]) =>
            `<input type="hidden" name="${name}" value="${String(value).replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">`,
        )
        .join('');
      res
        .type('html')
        .send(
          `<!doctype html><form method="post" action="${start.action.replace(/"/g, '&quot;')}">${fields}<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script>`,
        );
    } catch (error) {
      fail(res, error, logger);
    }
  });

  router.post(
    '/api/v1/sso/:slug/acs',
    express.urlencoded({ extended: false, limit: MAX_ACS_BODY, parameterLimit: 10 }),
    async (req, res) => {
      if (!SLUG.test(req.params.slug))
        return sendError(res, 404, 'not_found', 'single sign-on is not available for this tenant');
      const samlResponse = (req.body as Record<string, unknown> | undefined)?.SAMLResponse;
      if (typeof samlResponse !== 'string' || samlResponse.length === 0)
        return sendError(res, 400, 'bad_request', 'SAMLResponse is required');
      try {
        const expectedRequestId = requestIdFromCookie(req);
        const tokens = await sso.complete(req.params.slug, samlResponse, {
          ...(expectedRequestId ? { expectedRequestId } : {}),
          ...(req.ip ? { ip: req.ip } : {}),
          ...(req.get('user-agent') ? { userAgent: req.get('user-agent') as string } : {}),
        });
        res.setHeader(
          'Set-Cookie',
          `${REQUEST_COOKIE}=; ${cookieAttributes.replace('Max-Age=600', 'Max-Age=0')}`,
        );
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          accessToken: tokens.accessToken,
          tokenType: 'Bearer',
          expiresIn: tokens.expiresIn,
          refreshToken: tokens.refreshToken,
          refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
          relayState: safeRelayState((req.body as Record<string, unknown>).RelayState) ?? null,
        });
      } catch (error) {
        fail(res, error, logger);
      }
    },
  );
  return router;
}
