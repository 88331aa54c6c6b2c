import { auditEventSchema } from '@parapet/audit';
import { ingestEvents, StorageUnavailableError } from '@parapet/audit/ingest';
import { isDatabaseBusy } from '@parapet/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeviceEntry } from '../cache/device-cache';
import type { Edge } from '../edge';
import { requireDevice } from '../http/device-auth';
import { sendError } from '../http/errors';
import {
  EventsBody,
  eventsContentTypes,
  parseEventsBody,
  readEventsBody,
} from '../http/read-events-body';
import type { RouteSpec } from '../http/route-spec';

export const eventsAnswerSchema = z.object({
  accepted: z.array(z.string()).meta({
    description: 'Ids stored, now or by an earlier request (duplicates are stored once).',
  }),
  rejected: z.array(
    z.object({
      index: z.number().int().meta({ description: 'The event’s position in the body, from 0.' }),
      id: z.string().nullable().meta({ description: 'Null when the event had no readable id.' }),
      reason: z.enum([
        'invalid',
        'wrong_device',
        'time_mismatch',
        'too_old',
        'too_new',
        'duplicate_in_request',
      ]),
      message: z.string(),
    }),
  ),
});

export type EventsAnswer = z.infer<typeof eventsAnswerSchema>;

export const eventsRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/events',
  operationId: 'postEvents',
  summary:
    'Stores the device’s audit events: a JSON array or NDJSON (application/x-ndjson, one event per line), optionally gzip. Answers which were accepted (committed, or stored before) and which were rejected and why; rejections are final.',
  auth: 'bearer',
  headers: { 'Content-Encoding': '`gzip`, or none.' },
  body: z.array(auditEventSchema),
  responses: { 200: { description: 'Committed.', schema: eventsAnswerSchema } },
  errors: [400, 401, 403, 413, 415, 503],
};

/**
 * POST /v1/events. The device is authenticated before the body is read, so a refused caller
 * cannot make the edge inflate anything; the body has its own parser (JSON array or NDJSON,
 * gzip, limits), and the answer is sent only after the transaction committed.
 */
export function registerEventsRoute(app: FastifyInstance, edge: Edge): void {
  const devices = new WeakMap<FastifyRequest, DeviceEntry>();
  const limits = edge.settings.events;
  // A scope of its own: these parsers (raw stream, no Fastify body limit) serve this route only.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...eventsContentTypes], (request, payload, done) => {
      readEventsBody(payload, request.headers, limits).then(
        (body) => done(null, body),
        (error: Error) => done(error, undefined),
      );
    });
    // A refused body may still be arriving: close the connection rather than drain it.
    scope.addHook('onSend', async (_request, reply) => {
      if (reply.statusCode === 413) reply.header('connection', 'close');
    });
    scope.post(
      eventsRoute.path,
      {
        onRequest: async (request, reply) => {
          const device = await requireDevice(edge, request, reply);
          if (device === undefined) return reply;
          devices.set(request, device);
        },
      },
      async (request, reply) => {
        const device = devices.get(request);
        if (device === undefined) return reply;
        if (!(request.body instanceof EventsBody)) {
          return sendError(reply, edge.metrics, 'INVALID_INPUT', 'Send a body of events.');
        }
        return storeAndAnswer(edge, device, request.body, reply);
      },
    );
  });
}

async function storeAndAnswer(
  edge: Edge,
  device: DeviceEntry,
  body: EventsBody,
  reply: FastifyReply,
): Promise<FastifyReply> {
  let result: Awaited<ReturnType<typeof ingestEvents>>;
  try {
    // Parsed in its storing slot: the entries live only while their rows are prepared.
    result = await edge.eventsLimit.run(() =>
      ingestEvents({
        pool: edge.eventsPool,
        device: {
          id: device.device,
          orgId: device.org,
          personId: device.person,
          groups: device.groups,
        },
        events: parseEventsBody(body, edge.settings.events),
        retentionDays: edge.settings.events.retentionDays,
      }),
    );
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    reply.request.log.warn({ err: error, requestId: reply.request.id }, 'events not stored');
    return sendError(
      reply,
      edge.metrics,
      'UNAVAILABLE',
      'The events could not be stored now; send them again shortly.',
      {
        retryAfterSeconds: 1,
      },
    );
  }
  edge.metrics.eventsAccepted += result.accepted.length;
  edge.metrics.eventsDuplicates += result.duplicates;
  for (const rejection of result.rejected) edge.metrics.eventsRejected.add(rejection.reason);
  const answer: EventsAnswer = { accepted: result.accepted, rejected: result.rejected };
  return reply.code(200).header('cache-control', 'no-store').send(answer);
}

// Failures of the database rather than of the request: nothing was stored, and the device may
// send the same body again.
function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof StorageUnavailableError || isDatabaseBusy(error);
}
