import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { sendError } from '../http/errors';
import type { RouteSpec } from '../http/route-spec';

export const readySchema = z.object({ status: z.literal('ready') });

export const readyzRoute: RouteSpec = {
  method: 'GET',
  path: '/readyz',
  operationId: 'readyz',
  summary:
    'Ready for traffic: Postgres answers on the LISTEN connection and the distribution tables exist.',
  auth: 'none',
  responses: { 200: { description: 'Ready.', schema: readySchema } },
  errors: [503],
};

export function registerReadyzRoute(app: FastifyInstance, edge: Edge): void {
  app.get(readyzRoute.path, async (_request, reply) => {
    if (!edge.closing && (await edge.listener.ready())) {
      return reply.header('cache-control', 'no-store').send({ status: 'ready' });
    }
    return sendError(
      reply,
      edge.metrics,
      'UNAVAILABLE',
      edge.closing
        ? 'This edge is shutting down.'
        : 'Not ready: the LISTEN connection to Postgres is down, or the database is not migrated yet.',
      { retryAfterSeconds: 1 },
    );
  });
}
