import { createServer } from 'node:http';
import { createPrismaClient, type PrismaClient } from '@parapet/db';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { edgeDistribution } from './distribution';
import { Edge } from './edge';
import {
  clientErrorHandler,
  installErrorHandling,
  requestIdGenerator,
  sendError,
} from './http/errors';
import { installPollLane } from './http/poll-lane';
import { registerEdgeRoutes } from './routes';
import { serveBundleFromMemory } from './routes/bundle';

export type StartEdgeServerOptions = {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The database; the LISTEN connection always opens its own connection to it. */
  databaseUrl: string;
  /** A client to share (the process's `getPrisma()`); one is made from `databaseUrl` if not. */
  prisma?: PrismaClient;
  /** The control plane's public URL: every bundle's `iss`, the same on every replica. */
  issuer: string;
  bundleTtlSeconds?: number;
  /** The cap on `Prefer: wait=N`. */
  maxWaitSeconds?: number;
  /** Fastify's logger: pino options, or false for none. */
  logger?: FastifyServerOptions['logger'];
  /** Log every request (off: the poll path is the hot path). */
  logRequests?: boolean;
  /** Per client address and minute; 0 turns a limit off. */
  rateLimits?: { enrollPerMinute?: number; authPerMinute?: number };
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs), for the rate limits. */
  trustedProxies?: string[];
  /**
   * Whether polls answerable from memory skip Fastify (routes/bundle.ts). On by default; off
   * only to hold the two paths to the same answers in a test.
   */
  answerPollsFromMemory?: boolean;
  /**
   * Whether a connection's plain polls are answered before Node's HTTP parser
   * (http/poll-lane.ts). On by default (with `answerPollsFromMemory`); off to compare the lane
   * with the paths behind it in tests.
   */
  pollLane?: boolean;
  /** How long an idle keep-alive connection stays open (65 s; shorter in tests). */
  keepAliveTimeoutMs?: number;
  /**
   * Connections the kernel queues for the edge to accept (default 4096; Linux caps it at
   * net.core.somaxconn). Node's own default, 511, overflowed when 10,000 devices opened their
   * long-polls at once on a slow machine: the kernel dropped and cookie-answered the excess, and
   * dozens of devices saw their connection reset (apps/edge/README.md, "Limits").
   */
  listenBacklog?: number;
  /** First LISTEN reconnect delay in ms (tests). */
  listenReconnectDelayMs?: number;
  /** POST /v1/events limits (defaults: 4 MiB, 5,000 events) and the retention in days (90). */
  events?: { maxBytes?: number; maxCount?: number; retentionDays?: number };
  /**
   * Device login (RFC 8628): the console's public URL, whose `/device` page people approve on
   * (default: `issuer`); the codes' lifetime (600 s) and poll interval (5 s); a clock (tests).
   */
  deviceLogin?: {
    consoleUrl?: string;
    lifetimeSeconds?: number;
    intervalSeconds?: number;
    now?: () => Date;
  };
};

export type EdgeServer = {
  url: string;
  /** Ends held requests with 503, stops listening, flushes last-seen times, then closes. */
  close: () => Promise<void>;
};

const bodyLimitBytes = 256 * 1024;
// Longer than the 60 s idle timeout of common load balancers, so they close first and never
// send a request onto a connection the edge is closing.
const defaultKeepAliveTimeoutMs = 65_000;

/** Starts the edge API: its caches, its LISTEN connection, and the HTTP server. */
export async function startEdgeServer(options: StartEdgeServerOptions): Promise<EdgeServer> {
  const {
    host = '127.0.0.1',
    port = 3001,
    databaseUrl,
    issuer,
    bundleTtlSeconds = 86_400,
    maxWaitSeconds = 60,
    logger = { level: 'info' },
    keepAliveTimeoutMs = defaultKeepAliveTimeoutMs,
    listenBacklog = 4096,
  } = options;
  const ownPrisma = options.prisma === undefined;
  const fromMemory = options.answerPollsFromMemory ?? true;
  const withLane = fromMemory && (options.pollLane ?? true);
  const db = options.prisma ?? createPrismaClient({ databaseUrl });
  const newRequestId = requestIdGenerator();
  const app = Fastify({
    logger,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: bodyLimitBytes,
    keepAliveTimeout: keepAliveTimeoutMs,
    genReqId: newRequestId,
    // No child logger per request (Fastify's default binds the request id into one): the
    // poll path would pay for it on every request. Errors log the request id themselves.
    childLoggerFactory: (logger) => logger,
    clientErrorHandler: clientErrorHandler(newRequestId),
    trustProxy: options.trustedProxies ?? false,
    // Node's server is made here so that a poll answerable from memory is answered before
    // Fastify routes it (routes/bundle.ts, serveBundleFromMemory); everything else goes on to
    // Fastify unchanged.
    serverFactory: (handler) => {
      const server = createServer((request, response) => {
        if (fromMemory) serveBundleFromMemory(edge, request, response, handler);
        else handler(request, response);
      });
      server.keepAliveTimeout = keepAliveTimeoutMs;
      return server;
    },
    forceCloseConnections: 'idle',
    // A percent-encoding the router cannot read is the client's mistake (400), in our shape.
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, edge.metrics, 'INVALID_INPUT', error.message);
    },
  });
  const edge = new Edge({
    db,
    databaseUrl,
    distribution: edgeDistribution({ db, issuer, bundleTtlSeconds }),
    settings: {
      issuer,
      bundleTtlSeconds,
      maxWaitSeconds,
      enrollPerMinute: options.rateLimits?.enrollPerMinute ?? 30,
      authPerMinute: options.rateLimits?.authPerMinute ?? 120,
      events: {
        maxBytes: options.events?.maxBytes ?? 4 * 1024 * 1024,
        maxCount: options.events?.maxCount ?? 5_000,
        retentionDays: options.events?.retentionDays ?? 90,
      },
      deviceLogin: {
        verificationUri: `${(options.deviceLogin?.consoleUrl ?? issuer).replace(/\/+$/, '')}/device`,
        lifetimeSeconds: options.deviceLogin?.lifetimeSeconds ?? 600,
        intervalSeconds: options.deviceLogin?.intervalSeconds ?? 5,
        now: options.deviceLogin?.now ?? (() => new Date()),
      },
      ...(options.listenReconnectDelayMs === undefined
        ? {}
        : { listenReconnectDelayMs: options.listenReconnectDelayMs }),
    },
    log: app.log,
    newRequestId,
  });
  // In front of Node's own connection handling (Fastify listens for no connections itself).
  const lane = withLane ? installPollLane(app.server, edge, { keepAliveTimeoutMs }) : undefined;
  // Only JSON bodies: text/plain (which Fastify parses by default) is refused with 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app, edge.metrics);
  app.addHook('onResponse', (request, reply, done) => {
    edge.metrics.countResponse(request.routeOptions.url, reply.statusCode);
    done();
  });
  registerEdgeRoutes(app, edge);
  // The LISTEN connection is up before the port opens: nothing served can miss a change.
  await edge.start();
  try {
    await app.listen({ host, port, backlog: listenBacklog });
  } catch (error) {
    await edge.close();
    if (ownPrisma) await db.$disconnect();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${boundPort}`,
    close: () => {
      closing ??= (async () => {
        await edge.close();
        lane?.closeConnections();
        await app.close();
        if (ownPrisma) await db.$disconnect();
      })();
      return closing;
    },
  };
}
