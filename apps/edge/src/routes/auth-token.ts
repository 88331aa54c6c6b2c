import { exchangeDeviceChallenge } from '@parapet/distribution';
import { exchangeDeviceChallengeSchema } from '@parapet/distribution/schemas';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { parseBody } from '../http/parse-body';
import { rateLimitHook } from '../http/rate-limit';
import type { RouteSpec } from '../http/route-spec';

export { exchangeDeviceChallengeSchema };

export const accessTokenSchema = z.object({
  accessToken: z.string().meta({ description: '`pdt_…`: Authorization: Bearer for 15 minutes.' }),
  expiresAt: z.iso.datetime(),
});

export type AccessTokenBody = z.infer<typeof accessTokenSchema>;

export const authTokenRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/auth/token',
  operationId: 'exchangeDeviceChallenge',
  summary:
    'Exchanges a challenge signed with the device key (base64url Ed25519 over its UTF-8 bytes) for an access token.',
  auth: 'none',
  body: exchangeDeviceChallengeSchema,
  responses: { 200: { description: 'A fresh access token.', schema: accessTokenSchema } },
  errors: [400, 401, 403, 413, 415, 429],
};

export function registerAuthTokenRoute(app: FastifyInstance, edge: Edge): void {
  app.post(
    authTokenRoute.path,
    { onRequest: rateLimitHook(edge.authLimiter, edge.metrics) },
    async (request, reply) => {
      const input = parseBody(edge, exchangeDeviceChallengeSchema, request, reply);
      if (input === undefined) return reply;
      const token = await exchangeDeviceChallenge({ db: edge.db, input });
      const body: AccessTokenBody = {
        accessToken: token.accessToken,
        expiresAt: token.expiresAt.toISOString(),
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );
}
