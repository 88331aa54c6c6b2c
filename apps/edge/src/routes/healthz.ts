import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteSpec } from '../http/route-spec';

export const healthSchema = z.object({ status: z.literal('ok') });

export const healthzRoute: RouteSpec = {
  method: 'GET',
  path: '/healthz',
  operationId: 'healthz',
  summary: 'The process is up (liveness). Says nothing about the database.',
  auth: 'none',
  responses: { 200: { description: 'Up.', schema: healthSchema } },
  errors: [],
};

export function registerHealthzRoute(app: FastifyInstance): void {
  app.get(healthzRoute.path, (_request, reply) => {
    reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
}
