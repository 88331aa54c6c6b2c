import {
  type StartDeviceAuthorizationInput,
  startDeviceAuthorization,
  startDeviceAuthorizationSchema,
} from '@parapet/identity/device-login';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import { parseBody } from '../http/parse-body';
import { rateLimitHook } from '../http/rate-limit';
import type { RouteSpec } from '../http/route-spec';

// RFC 8628 §3.2's answer, field for field.
export const deviceAuthorizationSchema = z.object({
  device_code: z.string().meta({ description: 'The agent’s polling secret for /v1/device/token.' }),
  user_code: z.string().meta({ description: '`XXXX-XXXX`, for the person to check and approve.' }),
  verification_uri: z
    .string()
    .meta({ description: 'The console’s people page: `<console>/device`.' }),
  verification_uri_complete: z
    .string()
    .meta({ description: 'The same page with the code filled in (`?user_code=…`).' }),
  expires_in: z.number().int().meta({ description: 'Seconds the codes live (600).' }),
  interval: z.number().int().meta({ description: 'Seconds to wait between polls (5).' }),
});

export type DeviceAuthorizationBody = z.infer<typeof deviceAuthorizationSchema>;

export const deviceAuthorizeRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/device/authorize',
  operationId: 'startDeviceLogin',
  summary:
    'Starts a device login (RFC 8628 device authorization request): the device’s Ed25519 public key and facts in, a device code for polling and a user code for its person out.',
  auth: 'none',
  body: startDeviceAuthorizationSchema,
  responses: { 200: { description: 'Started.', schema: deviceAuthorizationSchema } },
  errors: [400, 409, 413, 415, 429],
};

/** POST /v1/device/authorize: limited per address like enrollment; one domain call. */
export function registerDeviceAuthorizeRoute(app: FastifyInstance, edge: Edge): void {
  app.post(
    deviceAuthorizeRoute.path,
    { onRequest: rateLimitHook(edge.enrollLimiter, edge.metrics) },
    async (request, reply) => {
      const input: StartDeviceAuthorizationInput | undefined = parseBody(
        edge,
        startDeviceAuthorizationSchema,
        request,
        reply,
      );
      if (input === undefined) return reply;
      const { deviceLogin } = edge.settings;
      const started = await startDeviceAuthorization({
        db: edge.db,
        input,
        now: deviceLogin.now(),
        lifetimeSeconds: deviceLogin.lifetimeSeconds,
        intervalSeconds: deviceLogin.intervalSeconds,
      });
      edge.metrics.deviceLogins.add('started');
      const complete = new URL(deviceLogin.verificationUri);
      complete.searchParams.set('user_code', started.userCode);
      const body: DeviceAuthorizationBody = {
        device_code: started.deviceCode,
        user_code: started.userCode,
        verification_uri: deviceLogin.verificationUri,
        verification_uri_complete: complete.href,
        expires_in: started.expiresInSeconds,
        interval: started.intervalSeconds,
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );
}
