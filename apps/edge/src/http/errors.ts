import { randomBytes } from 'node:crypto';
import { isAppError } from '@parapet/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EdgeMetrics } from '../metrics';

/**
 * Every code the edge answers, and its status. The device refusals are the contract's
 * (docs/distribution.md); the others are the HTTP layer's own.
 */
export const edgeErrorStatus = {
  INVALID_INPUT: 400,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  ENROLLMENT_TOKEN_INVALID: 401,
  CHALLENGE_INVALID: 401,
  DEVICE_REVOKED: 403,
  PERSON_DEACTIVATED: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type EdgeErrorCode = keyof typeof edgeErrorStatus;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Why, as a stable code (TOKEN_EXPIRED, …).' }),
      message: z.string(),
      requestId: z.string().meta({ description: 'Names this request in the edge’s log.' }),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Request ids unique across replicas without a random draw per request. */
export function requestIdGenerator(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let next = 0;
  return () => {
    next += 1;
    return `${prefix}-${next.toString(36)}`;
  };
}

export type ErrorOptions = { retryAfterSeconds?: number; status?: number };

/** Answers `{ error: { code, message, requestId } }` and counts the refusal. */
export function sendError(
  reply: FastifyReply,
  metrics: EdgeMetrics,
  code: string,
  message: string,
  { retryAfterSeconds, status }: ErrorOptions = {},
): FastifyReply {
  const resolved = status ?? edgeErrorStatus[code as EdgeErrorCode] ?? 500;
  if (resolved < 500) metrics.refusals.add(code);
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  if (code === 'TOKEN_INVALID' || code === 'TOKEN_EXPIRED') {
    // RFC 6750: a bearer route says which scheme it wants and why the token failed.
    reply.header('www-authenticate', 'Bearer error="invalid_token"');
  }
  const body: ErrorBody = { error: { code, message, requestId: reply.request.id } };
  return reply.code(resolved).header('cache-control', 'no-store').send(body);
}

// Fastify's own refusals (raised before a handler runs) and the code each becomes.
const frameworkCodes: Record<string, EdgeErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

function codeForStatus(status: number): EdgeErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  return 'INVALID_INPUT';
}

/**
 * One error shape for everything: Fastify's 404, 415, bad JSON and oversized bodies, a domain
 * function's AppError, and anything unexpected (500, logged with its stack, never shown).
 */
export function installErrorHandling(app: FastifyInstance, metrics: EdgeMetrics): void {
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, metrics, 'NOT_FOUND', `No route ${request.method} ${request.url}.`);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return sendError(reply, metrics, error.code, error.message, {
        status: error.status,
        ...(error.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.retryAfterSeconds }),
      });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = frameworkCodes[error.code] ?? codeForStatus(status);
      return sendError(reply, metrics, code, clientMessage(error), { status });
    }
    return sendUnexpected(request, reply, metrics, error);
  });
}

/** A 500 that names the request id; the error and its stack go to the log only. */
export function sendUnexpected(
  request: FastifyRequest,
  reply: FastifyReply,
  metrics: EdgeMetrics,
  error: unknown,
): FastifyReply {
  request.log.error({ err: error, requestId: request.id }, 'unexpected error');
  return sendError(
    reply,
    metrics,
    'INTERNAL',
    'The edge failed to answer this request; its log names the request id.',
  );
}

function clientMessage(error: FastifyError): string {
  // JSON.parse's own message says where the body broke, which helps an agent's author.
  if (error instanceof SyntaxError) return `The body is not valid JSON: ${error.message}`;
  return error.message;
}
