import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildOpenApiDocument } from '../http/openapi';
import type { RouteSpec } from '../http/route-spec';

export const openApiRoute: RouteSpec = {
  method: 'GET',
  path: '/v1/openapi.json',
  operationId: 'openapi',
  summary: 'This document: OpenAPI 3.1, generated from the zod schemas the routes validate with.',
  auth: 'none',
  responses: {
    200: { description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) },
  },
  errors: [],
};

/** Serves the document of `routes`, built once at start-up. */
export function registerOpenApiRoute(app: FastifyInstance, routes: readonly RouteSpec[]): void {
  const document = Buffer.from(JSON.stringify(buildOpenApiDocument(routes)), 'utf8');
  app.get(openApiRoute.path, (_request, reply) => {
    reply.header('content-type', 'application/json').send(document);
  });
}
