import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BundleEntry } from '../cache/bundle-cache';
import type { DeviceEntry } from '../cache/device-cache';
import type { Edge } from '../edge';
import { writeBundleAnswer } from '../http/bundle-replies';
import { authenticateDevice, checkAccessToken } from '../http/device-auth';
import { sendError, sendUnexpected } from '../http/errors';
import { ifNoneMatchHolds, preferredWaitSeconds } from '../http/prefer-wait';
import type { RouteSpec } from '../http/route-spec';

/** The bundle as stored: a JWS in the general JSON serialization (docs/distribution.md). */
export const bundleBodySchema = z.object({
  payload: z.string().meta({ description: 'base64url of the canonical JSON claims.' }),
  signatures: z.array(z.object({ protected: z.string(), signature: z.string() })),
});

export type BundleBody = z.infer<typeof bundleBodySchema>;

const bundleHeaders = {
  ETag: 'Strong: `"` + base64url(sha256(bundle bytes)) + `"`.',
  'Parapet-Bundle-Ver': 'The bundle’s `ver` (the org’s generation).',
  'Parapet-Key-Set-Version': 'The key set version that signed it.',
  'Preference-Applied': '`wait=N` when the request waited.',
};

export const bundleRoute: RouteSpec = {
  method: 'GET',
  path: '/v1/bundle',
  operationId: 'getBundle',
  summary:
    'The device’s signed effective policy. With If-None-Match equal to the current ETag: 304, or with Prefer: wait=N a wait of up to N seconds for a newer bundle.',
  auth: 'bearer',
  headers: {
    'If-None-Match': 'The ETag of the bundle the device has.',
    Prefer: '`wait=N`: hold the request up to N seconds (capped by the server) for a newer bundle.',
  },
  responses: {
    200: {
      description: 'The bundle’s exact bytes.',
      schema: bundleBodySchema,
      headers: bundleHeaders,
    },
    304: { description: 'The device’s bundle is current.', headers: bundleHeaders },
  },
  errors: [401, 403, 503],
};

/**
 * GET /v1/bundle, the hot path: the token is checked without the database (HMAC, and the
 * result kept per token), the device and its bundle come from memory, and the answer is the
 * stored bytes or 304. Only a cache miss (the first request of a device or of a group set)
 * reaches Postgres.
 */
export function registerBundleRoute(app: FastifyInstance, edge: Edge): void {
  app.get(bundleRoute.path, (request, reply) => {
    const now = Date.now();
    const device = authenticateDevice(edge, request, reply, now);
    if (device === undefined) return;
    if (device instanceof Promise) {
      device.then(
        (loaded) => loaded && serveFromCache(edge, request, reply, loaded, now),
        (error: unknown) => sendUnexpected(request, reply, edge.metrics, error),
      );
      return;
    }
    serveFromCache(edge, request, reply, device, now);
  });
}

function serveFromCache(
  edge: Edge,
  request: FastifyRequest,
  reply: FastifyReply,
  device: DeviceEntry,
  now: number,
): void {
  const bundle = edge.bundles.get(device.bundleKey);
  if (bundle) {
    edge.metrics.cacheHits.add('bundle');
    answer(edge, request, reply, device, bundle, now);
    return;
  }
  edge.metrics.cacheMisses.add('bundle');
  edge.bundles.load(device).then(
    (loaded) => answer(edge, request, reply, device, loaded, now),
    (error: unknown) => sendUnexpected(request, reply, edge.metrics, error),
  );
}

function answer(
  edge: Edge,
  request: FastifyRequest,
  reply: FastifyReply,
  device: DeviceEntry,
  bundle: BundleEntry,
  now: number,
): void {
  bundle.lastUsedAt = now;
  const ifNoneMatch = request.headers['if-none-match'];
  if (!ifNoneMatchHolds(ifNoneMatch, bundle.etag)) {
    reply.hijack();
    writeBundleAnswer(reply.raw, bundle, 200);
    return;
  }
  const prefer = request.headers.prefer;
  const waitSeconds = preferredWaitSeconds(
    typeof prefer === 'object' ? prefer.join(', ') : prefer,
    edge.settings.maxWaitSeconds,
  );
  if (waitSeconds === 0) {
    reply.hijack();
    writeBundleAnswer(reply.raw, bundle, 304);
    return;
  }
  if (edge.closing) {
    sendError(reply, edge.metrics, 'UNAVAILABLE', 'This edge is shutting down.', {
      retryAfterSeconds: 1,
    });
    return;
  }
  // From here the edge writes the answer itself (http/bundle-replies.ts, answerWaiter).
  reply.hijack();
  edge.waiters.add({
    response: reply.raw,
    requestId: request.id,
    viaFastify: true,
    device,
    bundleKey: bundle.key,
    etag: bundle.etag,
    waitSeconds,
  });
}

/**
 * The poll of a device whose token, facts and bundle are all in memory, answered straight from
 * Node's HTTP server before Fastify routes it: a 304 (or the 200) costs a few map lookups and
 * one write, and a long-poll waits holding Node's response only (no Fastify request or reply
 * kept per waiter). A token seen for the first time is verified here (an HMAC), and a device or
 * bundle not yet in memory is loaded first (the device cache gathers such loads into one
 * query), then the poll is tried again. Anything else (a refusal, a failed load, a shutting-down
 * edge, another route) goes to Fastify through `fallback`, which answers every case; a
 * differential test holds the two paths to the same answers.
 */
export function serveBundleFromMemory(
  edge: Edge,
  request: IncomingMessage,
  response: ServerResponse,
  fallback: (request: IncomingMessage, response: ServerResponse) => void,
): void {
  const attempt = (loadsDone: number): void => {
    const outcome = tryFromMemory(edge, request, response, loadsDone);
    if (outcome === 'served') return;
    if (outcome === 'fallback') {
      fallback(request, response);
      return;
    }
    outcome.then(
      () => attempt(loadsDone + 1),
      // The Fastify route loads again and answers the failure in the errors' shape.
      () => fallback(request, response),
    );
  };
  attempt(0);
}

function tryFromMemory(
  edge: Edge,
  request: IncomingMessage,
  response: ServerResponse,
  /** Loads this request already waited for: two at most, and hits count only without one. */
  loadsDone: number,
): 'served' | 'fallback' | Promise<unknown> {
  if (request.url !== bundleRoute.path || request.method !== 'GET') return 'fallback';
  const { authorization, 'if-none-match': ifNoneMatch, prefer } = request.headers;
  if (typeof prefer === 'object') return 'fallback';
  const now = Date.now();
  const poll = pollFromMemory(edge, { authorization, ifNoneMatch, prefer }, now, loadsDone < 2);
  if (poll === 'fallback' || poll instanceof Promise) return poll;
  markPollServed(edge, poll, now, loadsDone === 0);
  if (poll.waitSeconds > 0) {
    edge.waiters.add({
      response,
      requestId: edge.newRequestId(),
      viaFastify: false,
      device: poll.device,
      bundleKey: poll.bundle.key,
      etag: poll.bundle.etag,
      waitSeconds: poll.waitSeconds,
    });
    return 'served';
  }
  writeBundleAnswer(response, poll.bundle, poll.status);
  // Fastify never saw this request: count it as its onResponse hook would have.
  edge.metrics.countResponse(bundleRoute.path, poll.status);
  return 'served';
}

/** A poll answerable from memory: the device, its bundle, the status and how long to hold it. */
export type MemoryPoll = {
  device: DeviceEntry;
  bundle: BundleEntry;
  status: 200 | 304;
  /** Above 0 only for a 304 that `Prefer: wait=N` asks to hold. */
  waitSeconds: number;
};

/**
 * What a GET /v1/bundle with these headers gets when its token, device and bundle are all in
 * memory; 'fallback' when the Fastify route must answer it (no or a refused token, a refused
 * device, a shutting-down edge); or, when `mayLoad`, the load of a missing device or bundle,
 * after which the poll is tried again. The Node-level path above and the connection lane
 * (http/poll-lane.ts) both decide through here.
 */
export function pollFromMemory(
  edge: Edge,
  headers: {
    authorization: string | undefined;
    ifNoneMatch: string | undefined;
    prefer: string | undefined;
    /**
     * The token after `Bearer `, when the caller cut it out already: the lane keeps one per
     * connection, and the same string object keeps its hash for the verified-token lookup.
     */
    bearer?: string | undefined;
  },
  now: number,
  mayLoad: boolean,
): MemoryPoll | 'fallback' | Promise<unknown> {
  const { authorization, ifNoneMatch, prefer } = headers;
  if (edge.closing) return 'fallback';
  if (authorization === undefined || !authorization.startsWith('Bearer ')) return 'fallback';
  const token = checkAccessToken(edge, headers.bearer ?? authorization.slice(7), now);
  if ('refusal' in token) return 'fallback';
  const device = edge.devices.get(token.deviceId);
  if (device === undefined) {
    if (!mayLoad) return 'fallback';
    edge.metrics.cacheMisses.add('device');
    return edge.devices.load(token.deviceId);
  }
  if (device.refusal !== null) return 'fallback';
  const bundle = edge.bundles.get(device.bundleKey);
  if (bundle === undefined) {
    if (!mayLoad) return 'fallback';
    edge.metrics.cacheMisses.add('bundle');
    return edge.bundles.load(device);
  }
  const current = ifNoneMatchHolds(ifNoneMatch, bundle.etag);
  const waitSeconds =
    current && prefer !== undefined
      ? preferredWaitSeconds(prefer, edge.settings.maxWaitSeconds)
      : 0;
  return { device, bundle, status: current ? 304 : 200, waitSeconds };
}

/** Records a poll answered (or held) from memory: last use, last seen and the cache hits. */
export function markPollServed(
  edge: Edge,
  poll: MemoryPoll,
  now: number,
  countHits: boolean,
): void {
  poll.device.lastUsedAt = now;
  poll.bundle.lastUsedAt = now;
  edge.lastSeen.seen(poll.device.device);
  if (countHits) {
    edge.metrics.cacheHits.add('device');
    edge.metrics.cacheHits.add('bundle');
  }
}
