import { enrollDevice } from '@parapet/distribution';
import { enrollDeviceSchema } from '@parapet/distribution/schemas';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { parseBody } from '../http/parse-body';
import { rateLimitHook } from '../http/rate-limit';
import type { RouteSpec } from '../http/route-spec';

export { enrollDeviceSchema };

export const enrolledDeviceSchema = z.object({
  device: z.string().meta({ description: 'The device id.' }),
  org: z.string(),
  issuer: z.string().meta({ description: 'The `iss` every bundle of this org carries.' }),
  keySets: z
    .array(z.string())
    .meta({ description: 'The org’s key-set chain (JWS), version 1 first: the trust root.' }),
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
});

export type EnrolledDeviceBody = z.infer<typeof enrolledDeviceSchema>;

export const enrollRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/enroll',
  operationId: 'enrollDevice',
  summary:
    'Enrolls a device with an enrollment token and its Ed25519 public key; answers its id, the org’s trust root and a first access token.',
  auth: 'none',
  body: enrollDeviceSchema,
  responses: { 201: { description: 'Enrolled.', schema: enrolledDeviceSchema } },
  errors: [400, 401, 409, 413, 415, 429],
};

/** POST /v1/enroll: one domain call; an unusable token is 401 ENROLLMENT_TOKEN_INVALID. */
export function registerEnrollRoute(app: FastifyInstance, edge: Edge): void {
  app.post(
    enrollRoute.path,
    { onRequest: rateLimitHook(edge.enrollLimiter, edge.metrics) },
    async (request, reply) => {
      const input = parseBody(edge, enrollDeviceSchema, request, reply);
      if (input === undefined) return reply;
      const enrolled = await enrollDevice({ db: edge.db, input, issuer: edge.settings.issuer });
      const body: EnrolledDeviceBody = {
        device: enrolled.deviceId,
        org: enrolled.orgId,
        issuer: edge.settings.issuer,
        keySets: enrolled.keySets,
        accessToken: enrolled.accessToken,
        accessTokenExpiresAt: enrolled.accessTokenExpiresAt.toISOString(),
      };
      return reply.code(201).header('cache-control', 'no-store').send(body);
    },
  );
}
