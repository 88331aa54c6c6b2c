import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import type { RouteSpec } from '../http/route-spec';

export const metricsRoute: RouteSpec = {
  method: 'GET',
  path: '/metrics',
  operationId: 'metrics',
  summary:
    'Prometheus text: requests by route and status, long-poll waiters, bundle builds, refusals by code, cache hits and misses, LISTEN state, process figures.',
  auth: 'none',
  responses: {
    200: {
      description: 'Prometheus exposition format.',
      schema: z.string(),
      contentType: 'text/plain; version=0.0.4',
    },
  },
  errors: [],
};

export function registerMetricsRoute(app: FastifyInstance, edge: Edge): void {
  app.get(metricsRoute.path, async (_request, reply) => {
    const text = await edge.metrics.registry.metrics();
    return reply
      .header('content-type', edge.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
