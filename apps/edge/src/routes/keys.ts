import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { requireDevice } from '../http/device-auth';
import type { RouteSpec } from '../http/route-spec';

export const keySetsSchema = z.object({
  keySets: z.array(z.string()).meta({
    description: 'Every key set (JWS), version 1 first; apply those above yours, in order.',
  }),
});

export type KeySetsBody = z.infer<typeof keySetsSchema>;

export const keysRoute: RouteSpec = {
  method: 'GET',
  path: '/v1/keys',
  operationId: 'getKeySets',
  summary: 'The device’s org’s signed key-set chain.',
  auth: 'bearer',
  responses: { 200: { description: 'The chain.', schema: keySetsSchema } },
  errors: [401, 403],
};

/** GET /v1/keys: the chain from memory, loaded once per org and refreshed on `keys`. */
export function registerKeysRoute(app: FastifyInstance, edge: Edge): void {
  app.get(keysRoute.path, async (request, reply) => {
    const device = await requireDevice(edge, request, reply);
    if (device === undefined) return reply;
    let keySets = edge.keySets.get(device.org);
    if (keySets) edge.metrics.cacheHits.add('keys');
    else {
      edge.metrics.cacheMisses.add('keys');
      keySets = await edge.keySets.load(device.org);
    }
    return reply
      .header('content-type', 'application/json')
      .header('cache-control', 'no-store')
      .send(keySets.body);
  });
}
