import type { Request } from 'express';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route at all; what they may do inside it is the service's permission check. */
export type RouteAuth = 'none' | 'authenticated';

export interface RouteInput<TActor, P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: TActor;
  req: Request;
}

/** What a handler answers: a status and a JSON body (or a CSV/text body with its content type). */
export type RouteResult =
  | { status: number; body: unknown }
  | { status: number; text: string; contentType: string; filename?: string };

/**
 * One admin API route, declared once: its schemas validate the request and generate the OpenAPI
 * document, so the two cannot disagree.
 */
export interface ApiRoute<TActor = unknown> {
  method: HttpMethod;
  /** Express-style path under /api/v1, e.g. '/senders/:senderId'. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and body schema, for the document. */
  response: { status: number; schema?: z.ZodType; description: string };
  handle: (input: RouteInput<TActor, any, any, any>) => Promise<RouteResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Declares a route with typed params, query and body from its schemas; the handler receives
 * them validated.
 */
export function defineRoute<
  TActor,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(route: {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; schema?: z.ZodType; description: string };
  handle: (
    input: RouteInput<
      TActor,
      P extends z.ZodObject ? z.output<P> : Record<string, never>,
      Q extends z.ZodObject ? z.output<Q> : Record<string, never>,
      B extends z.ZodType ? z.output<B> : undefined
    >,
  ) => Promise<RouteResult>;
}): ApiRoute<TActor> {
  return route as ApiRoute<TActor>;
}
