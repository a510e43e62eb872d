import type { RequestHandler } from 'express';
import { markSpanFailed, runInSpan, startSpan } from '@elara/telemetry/tracing';

/**
 * Wraps the rest of the request in a span named `name` (the route, never the URL: it may carry
 * ids or tokens), ended when the response closes. A no-op span when tracing is off.
 */
export function traceRequest(name: string, route: string): RequestHandler {
  return (req, res, next) => {
    const span = startSpan(name, { 'http.request.method': req.method, 'http.route': route });
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished) markSpanFailed(span, `status ${res.statusCode}`);
      span.end();
    });
    runInSpan(span, next);
  };
}
