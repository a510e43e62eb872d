import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '@elara/logger/logger';

/** One error shape for every client error: `{ error: { code, message } }`, never a stack. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** body-parser's error types: all of them are the client's fault. */
const BODY_ERRORS: Record<string, string> = {
  'entity.too.large': 'body is too large',
  'entity.parse.failed': 'body could not be parsed',
  'parameters.too.many': 'too many form fields',
  'encoding.unsupported': 'unsupported content encoding',
  'charset.unsupported': 'unsupported charset',
  'request.aborted': 'request aborted',
  'request.size.invalid': 'body size does not match Content-Length',
};

/** The client-facing message for a body-parser error, or null when it is not one. */
export function bodyErrorMessage(error: unknown): string | null {
  const type = (error as { type?: string } | null)?.type;
  return (type && BODY_ERRORS[type]) || null;
}

/** Where unexpected errors go besides the log (Sentry, when a DSN is configured). */
export type ErrorReporter = (error: unknown, context: { route: string }) => void;

export function errorHandler(logger: Logger, report?: ErrorReporter): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const bodyError = bodyErrorMessage(error);
    if (bodyError) {
      sendError(res, 400, 'bad_request', bodyError);
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled error');
    report?.(error, { route: req.route?.path ?? 'unmatched' });
    if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
  };
}
