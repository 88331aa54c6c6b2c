import { issueDeviceChallenge } from '@parapet/distribution';
import { issueDeviceChallengeSchema } from '@parapet/distribution/schemas';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { parseBody } from '../http/parse-body';
import { rateLimitHook } from '../http/rate-limit';
import type { RouteSpec } from '../http/route-spec';

export { issueDeviceChallengeSchema };

export const deviceChallengeSchema = z.object({
  challenge: z.string().meta({ description: 'Sign its UTF-8 bytes with the device key.' }),
  expiresAt: z.iso.datetime().meta({ description: '60 seconds ahead; single use.' }),
});

export type DeviceChallengeBody = z.infer<typeof deviceChallengeSchema>;

export const authChallengeRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/auth/challenge',
  operationId: 'issueDeviceChallenge',
  summary:
    'A single-use challenge for the device to sign. Every caller gets one: the answer says nothing about which device ids exist.',
  auth: 'none',
  body: issueDeviceChallengeSchema,
  responses: { 200: { description: 'The challenge.', schema: deviceChallengeSchema } },
  errors: [400, 413, 415, 429],
};

export function registerAuthChallengeRoute(app: FastifyInstance, edge: Edge): void {
  app.post(
    authChallengeRoute.path,
    { onRequest: rateLimitHook(edge.authLimiter, edge.metrics) },
    async (request, reply) => {
      const input = parseBody(edge, issueDeviceChallengeSchema, request, reply);
      if (input === undefined) return reply;
      const issued = await issueDeviceChallenge({ db: edge.db, input });
      const body: DeviceChallengeBody = {
        challenge: issued.challenge,
        expiresAt: issued.expiresAt.toISOString(),
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );
}
