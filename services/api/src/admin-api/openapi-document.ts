import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { ApiRoute } from './api-route.ts';

/** The one error shape every failure answers with. */
const ERROR_SCHEMA = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Express `:param` to OpenAPI `{param}`. */
function openApiPath(path: string): string {
  return `/api/v1${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): object {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from /auth/login or /auth/refresh, or an API key (elk_...)',
  });
  for (const route of routes) {
    const errors = {
      400: { description: 'Invalid request', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      ...(route.auth === 'authenticated'
        ? {
            401: {
              description: 'Not authenticated',
              content: { 'application/json': { schema: ERROR_SCHEMA } },
            },
            403: { description: 'Not allowed', content: { 'application/json': { schema: ERROR_SCHEMA } } },
            404: { description: 'Not found', content: { 'application/json': { schema: ERROR_SCHEMA } } },
          }
        : {}),
    };
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      tags: [route.tag],
      security: route.auth === 'authenticated' ? [{ [bearer.name]: [] }] : [],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.response.status]: {
          description: route.response.description,
          ...(route.response.schema
            ? { content: { 'application/json': { schema: route.response.schema } } }
            : {}),
        },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Elara admin API', version },
    servers: [{ url: '/' }],
  });
}
