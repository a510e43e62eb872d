import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Logger } from '@elara/logger/logger';
import { bodyErrorMessage, sendError } from '../http/errors.ts';
import { ApiError, unauthorized } from './api-errors.ts';
import type { ApiRoute, RouteResult } from './api-route.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

/** Turns a request's credentials into an actor, or null when there are none or they are invalid. */
export type Authenticate<TActor> = (req: Request) => Promise<TActor | null>;

/** Maps errors thrown by services (permission, validation, domain errors) to an ApiError. */
export type ErrorMapper = (error: unknown) => ApiError | null;

export interface ApiRouterOptions<TActor> {
  routes: readonly ApiRoute<TActor>[];
  authenticate: Authenticate<TActor>;
  mapError?: ErrorMapper;
  logger: Logger;
  version: string;
  /** Unexpected errors, besides the log (Sentry, when configured). */
  reportError?: (error: unknown, context: { route: string }) => void;
}

const MAX_BODY = '100kb';

/** A short, safe summary of what failed validation (paths and messages; never the values). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return part === 'body' ? undefined : {};
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!result.success)
    throw new ApiError(400, 'validation_failed', `${part}: ${describeIssues(result.error)}`);
  return result.data;
}

function send(res: Response, result: RouteResult): void {
  if ('text' in result) {
    res.status(result.status).type(result.contentType);
    if (result.filename) res.attachment(result.filename);
    res.send(result.text);
    return;
  }
  if (result.status === 204) res.status(204).end();
  else res.status(result.status).json(result.body);
}

/**
 * The /api/v1 router: JSON bodies (100 kB at most), each declared route validated by its zod
 * schemas, authenticated when it says so, and every error answered as `{ error: { code, message } }`.
 * `/api/v1/openapi.json` is generated from the same declarations.
 */
export function createApiRouter<TActor>(options: ApiRouterOptions<TActor>): Router {
  const router = express.Router();
  const document = buildOpenApiDocument(options.routes as readonly ApiRoute[], options.version);
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  const json = express.json({ limit: MAX_BODY, strict: true });
  for (const route of options.routes) {
    router[route.method](`/api/v1${route.path}`, json, async (req, res) => {
      try {
        const actor = route.auth === 'authenticated' ? await options.authenticate(req) : null;
        if (route.auth === 'authenticated' && actor === null) throw unauthorized();
        const input = {
          params: parsePart(route.params, req.params, 'params'),
          query: parsePart(route.query, req.query, 'query'),
          body: parsePart(route.body, req.body, 'body'),
          actor: actor as TActor,
          req,
        };
        send(res, await route.handle(input));
      } catch (error) {
        const mapped = error instanceof ApiError ? error : (options.mapError?.(error) ?? null);
        if (mapped) {
          sendError(res, mapped.status, mapped.code, mapped.message);
          return;
        }
        options.logger.error({ err: error, route: `${route.method} ${route.path}` }, 'admin api error');
        options.reportError?.(error, { route: `${route.method.toUpperCase()} /api/v1${route.path}` });
        sendError(res, 500, 'internal', 'internal error');
      }
    });
  }
  // Errors from the JSON parser (malformed or oversized bodies) never reach a handler.
  router.use('/api/v1', ((error, _req, res, next) => {
    const message = bodyErrorMessage(error);
    if (message === null) return next(error);
    sendError(res, 400, 'bad_request', message);
  }) as ErrorRequestHandler);
  return router;
}
