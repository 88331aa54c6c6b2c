import {
  type DeviceAuthorizationPoll,
  deviceCodeGrantType,
  pollDeviceAuthorization,
  pollDeviceAuthorizationSchema,
} from '@parapet/identity/device-login';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Edge } from '../edge';
import type { RouteSpec } from '../http/route-spec';

/** RFC 6749 §5.2's error body, which RFC 8628 §3.5 extends with its own codes. */
export const oauthErrorSchema = z.object({
  error: z
    .enum([
      'authorization_pending',
      'slow_down',
      'access_denied',
      'expired_token',
      'invalid_grant',
      'invalid_request',
      'unsupported_grant_type',
    ])
    .meta({ description: 'RFC 8628 §3.5 / RFC 6749 §5.2 error code.' }),
  error_description: z.string(),
});
type OAuthError = z.infer<typeof oauthErrorSchema>;

/**
 * What an approved login hands the device: the same as `POST /v1/enroll` minus the access
 * token. The device gets that by signing a challenge (`/v1/auth/*`), which proves it holds the
 * key it registered; a device code seen by anyone else is worth nothing.
 */
export const deviceLoginEnrolledSchema = z.object({
  device: z.string().meta({ description: 'The device id.' }),
  org: z.string(),
  issuer: z.string().meta({ description: 'The `iss` every bundle of this org carries.' }),
  keySets: z
    .array(z.string())
    .meta({ description: 'The org’s key-set chain (JWS), version 1 first: the trust root.' }),
});
export type DeviceLoginEnrolledBody = z.infer<typeof deviceLoginEnrolledSchema>;

export const deviceTokenRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/device/token',
  operationId: 'pollDeviceLogin',
  summary:
    'Polls a device login (RFC 8628 device access token request; form-encoded or JSON `grant_type`, `device_code`). Until approved, 400 with an RFC 6749 error body; once approved, the enrollment, exactly once.',
  auth: 'none',
  body: pollDeviceAuthorizationSchema,
  responses: {
    200: { description: 'Approved: the device is enrolled.', schema: deviceLoginEnrolledSchema },
    400: {
      description:
        'authorization_pending, slow_down (poll 5 s slower), access_denied, expired_token, invalid_grant, invalid_request, unsupported_grant_type.',
      schema: oauthErrorSchema,
    },
  },
  errors: [413, 415],
};

const descriptions: Record<string, string> = {
  authorization_pending: 'The person has not approved this device yet.',
  slow_down: 'Polling too fast: wait 5 seconds longer between polls.',
  expired_token: 'The code expired before anyone approved it: run the login again.',
};

/** POST /v1/device/token, form-encoded as RFC 8628 says, or JSON. */
export function registerDeviceTokenRoute(app: FastifyInstance, edge: Edge): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, parseForm(String(body))),
    );
    scope.post(deviceTokenRoute.path, async (request, reply) => {
      const limited = edge.authLimiter.take(request.ip);
      if (!limited.allowed) {
        reply.header('retry-after', String(limited.retryAfterSeconds));
        return sendOAuth(reply, edge, 429, 'slow_down', 'Too many requests from this address.');
      }
      const parsed = pollDeviceAuthorizationSchema.safeParse(request.body);
      if (!parsed.success) return sendBadRequest(request, reply, edge);
      const poll = await pollDeviceAuthorization({
        db: edge.db,
        input: parsed.data,
        now: edge.settings.deviceLogin.now(),
      });
      return answerPoll(reply, edge, poll);
    });
  });
}

function answerPoll(reply: FastifyReply, edge: Edge, poll: DeviceAuthorizationPoll) {
  edge.metrics.deviceLogins.add(poll.outcome);
  if (poll.outcome === 'enrolled') {
    const body: DeviceLoginEnrolledBody = {
      device: poll.deviceId,
      org: poll.orgId,
      issuer: edge.settings.issuer,
      keySets: poll.keySets,
    };
    return reply.header('cache-control', 'no-store').send(body);
  }
  const description =
    'description' in poll ? poll.description : (descriptions[poll.outcome] ?? poll.outcome);
  return sendOAuth(reply, edge, 400, poll.outcome, description);
}

function sendBadRequest(request: FastifyRequest, reply: FastifyReply, edge: Edge) {
  const body = request.body as { grant_type?: unknown } | undefined;
  if (body && typeof body === 'object' && 'duplicate' in body) {
    return sendOAuth(reply, edge, 400, 'invalid_request', 'A parameter is repeated.');
  }
  if (typeof body?.grant_type === 'string' && body.grant_type !== deviceCodeGrantType) {
    return sendOAuth(
      reply,
      edge,
      400,
      'unsupported_grant_type',
      `grant_type must be ${deviceCodeGrantType}.`,
    );
  }
  return sendOAuth(reply, edge, 400, 'invalid_request', 'Send grant_type and device_code.');
}

function sendOAuth(
  reply: FastifyReply,
  edge: Edge,
  status: number,
  error: OAuthError['error'],
  description: string,
) {
  if (status === 429) edge.metrics.refusals.add('RATE_LIMITED');
  const body: OAuthError = { error, error_description: description };
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

/**
 * An `application/x-www-form-urlencoded` body as an object. RFC 6749 §3.2: a parameter sent
 * twice is refused, so the body becomes `{ duplicate }` and fails validation.
 */
function parseForm(text: string): Record<string, string> {
  // No prototype, so a parameter named __proto__ is just a parameter.
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, name)) return { duplicate: name };
    fields[name] = value;
  }
  return fields;
}
