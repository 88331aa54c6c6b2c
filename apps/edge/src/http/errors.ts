import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { isDatabaseBusy } from '@parapet/db';
import { type AppErrorCode, appErrorStatus, httpStatusForCode, isAppError } from '@parapet/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EdgeMetrics } from '../metrics';

/**
 * Codes only the HTTP layer answers. Everything else, device refusals included, is an
 * `AppError` code with its status in @parapet/errors' one table.
 */
const httpOnlyStatus = { RATE_LIMITED: 429, UNAVAILABLE: 503 } as const;

export type EdgeErrorCode = AppErrorCode | keyof typeof httpOnlyStatus;

export function statusForCode(code: EdgeErrorCode): number {
  return code in httpOnlyStatus
    ? httpOnlyStatus[code as keyof typeof httpOnlyStatus]
    : httpStatusForCode(code as AppErrorCode);
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z
      .enum(Object.keys({ ...appErrorStatus, ...httpOnlyStatus }) as [EdgeErrorCode])
      .meta({ description: 'Why, as a stable code.' }),
    message: z.string(),
    requestId: z.string().meta({ description: 'Names this request in the edge’s log.' }),
  }),
});

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

export type ErrorOptions = { retryAfterSeconds?: number };

/** Answers `{ error: { code, message, requestId } }` and counts the refusal. */
export function sendError(
  reply: FastifyReply,
  metrics: EdgeMetrics,
  code: EdgeErrorCode,
  message: string,
  { retryAfterSeconds }: ErrorOptions = {},
): FastifyReply {
  const status = statusForCode(code);
  if (status < 500) metrics.refusals.add(code);
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  if (code === 'TOKEN_INVALID' || code === 'TOKEN_EXPIRED') {
    // RFC 6750: a bearer route says which scheme it wants and why the token failed.
    reply.header('www-authenticate', 'Bearer error="invalid_token"');
  }
  const body: ErrorBody = { error: { code, message, requestId: reply.request.id } };
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

// Fastify's own refusals (raised before a handler runs) and the code each becomes.
const frameworkCodes: Record<string, AppErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

// Any other 4xx Fastify raises (bad JSON, an empty JSON body, a wrong Content-Length, a
// prototype-poisoning body) is a malformed request.
function codeForStatus(status: number): AppErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
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
        ...(error.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.retryAfterSeconds }),
      });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = frameworkCodes[error.code] ?? codeForStatus(status);
      return sendError(reply, metrics, code, clientMessage(error));
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
  if (isDatabaseBusy(error) || isDatabaseUnreachable(error)) {
    // Overload or an outage of Postgres, not a fault of the request: the device keeps what it
    // sent and tries again shortly.
    request.log.warn({ requestId: request.id }, 'database busy or unreachable');
    return sendError(reply, metrics, 'UNAVAILABLE', 'The edge is busy; try again shortly.', {
      retryAfterSeconds: 1,
    });
  }
  request.log.error({ err: error, requestId: request.id }, 'unexpected error');
  return sendError(
    reply,
    metrics,
    'INTERNAL',
    'The edge failed to answer this request; its log names the request id.',
  );
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (malformed HTTP, headers over
 * 16 KiB, a request that never finished): answered in the same error shape, then the
 * connection is closed.
 */
export function clientErrorHandler(newRequestId: () => string) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are larger than 16 KiB.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request did not arrive in time.']
          : [400, 'The request is not valid HTTP.'];
    const body = JSON.stringify({
      error: { code: 'INVALID_INPUT', message, requestId: newRequestId() },
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}

function clientMessage(error: FastifyError): string {
  // JSON.parse's own message says where the body broke, which helps an agent's author.
  if (error instanceof SyntaxError) return `The body is not valid JSON: ${error.message}`;
  return error.message;
}

/**
 * Whether an error (or one it wraps) says Postgres could not be reached or ended the session:
 * a refused or dropped socket, SQLSTATE class 08 (connection exception), 57P (the server
 * shutting down or not accepting connections yet), 53 (out of resources), or Prisma's codes for
 * an unreachable server. Such a request is answered 503, never 500.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    // Prisma's driver adapters carry Postgres's own error under meta.driverAdapterError.cause.
    const adapterCause = (current as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta
      ?.driverAdapterError?.cause as { code?: unknown; message?: unknown } | undefined;
    for (const code of [(current as { code?: unknown }).code, adapterCause?.code]) {
      if (typeof code === 'string' && unreachableCode(code)) return true;
    }
    const messages = [current.message, String(adapterCause?.message ?? '')];
    if (messages.some((message) => unreachableMessage.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const prismaUnreachable = new Set(['P1001', 'P1002', 'P1017']);
const unreachableCode = (code: string) =>
  socketCodes.has(code) || prismaUnreachable.has(code) || /^(08|57P|53)[0-9A-Z]{2,3}$/.test(code);
const unreachableMessage =
  /Connection terminated|connect ECONNREFUSED|Can't reach database server|not currently accepting connections/;
