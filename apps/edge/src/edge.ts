import type { PrismaClient } from '@parapet/db';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { BundleCache, type BundleLoader } from './cache/bundle-cache';
import { DeviceCache, type DeviceLoader } from './cache/device-cache';
import { KeySetCache, type KeySetsLoader } from './cache/key-set-cache';
import { LastSeenRecorder, type LastSeenWriter } from './cache/last-seen';
import { type Waiter, WaiterRegistry } from './cache/waiters';
import { answerWaiter } from './http/bundle-replies';
import { ConcurrencyLimit } from './http/concurrency-limit';
import type { VerifiedToken } from './http/device-auth';
import { RateLimiter } from './http/rate-limit';
import { NotificationListener } from './listen/notification-listener';
import { reactToNotification, refreshEverything } from './listen/react-to-notification';
import { EdgeMetrics } from './metrics';

/** What the edge asks of the distribution domain: reads and the few writes it makes. */
export type EdgeDistribution = {
  loadDevices: DeviceLoader;
  ensureBundle: BundleLoader;
  loadKeySets: KeySetsLoader;
  /** Re-signs the org's bundles if they passed half their lifetime (a new generation). */
  resignIfExpiring: (org: string) => Promise<void>;
  touchLastSeen: LastSeenWriter;
};

export type EdgeSettings = {
  issuer: string;
  bundleTtlSeconds: number;
  maxWaitSeconds: number;
  enrollPerMinute: number;
  authPerMinute: number;
  /** First LISTEN reconnect delay (tests make the gap long enough to miss a notification). */
  listenReconnectDelayMs?: number;
  /** POST /v1/events: body limits, and the days of events kept (older ones are refused). */
  events: { maxBytes: number; maxCount: number; retentionDays: number };
  /** Device login (RFC 8628): the people page's address, code lifetime, poll interval, clock. */
  deviceLogin: {
    verificationUri: string;
    lifetimeSeconds: number;
    intervalSeconds: number;
    now: () => Date;
  };
};

// Bodies of audit events checked and stored at once, each with its own connection for its one
// transaction. More would not store faster on a small machine: each body is CPU work (checking
// and hashing a thousand events), and a transaction whose next statement waits behind many
// other bodies' CPU work holds its connection and its device's lock idle meanwhile.
const eventsConcurrency = 4;

// Devices and bundles nobody asked for in this long leave memory; their next request loads
// them again. Longer than an access token lives, so a polling device never falls out.
const idleEvictionMs = 60 * 60_000;
const maintenanceIntervalMs = 5 * 60_000;

/**
 * One edge's state: the caches of device facts, bundles and key sets, the held long-polls, the
 * LISTEN connection that keeps them current, and the timers that re-sign and evict. Routes read
 * it; notifications change it.
 */
export class Edge {
  readonly db: PrismaClient;
  /** A node-postgres pool of its own for audit events (batched inserts Prisma cannot make). */
  readonly eventsPool: pg.Pool;
  /** Admits POST /v1/events bodies to checking and storing a few at a time. */
  readonly eventsLimit = new ConcurrencyLimit(eventsConcurrency);
  readonly distribution: EdgeDistribution;
  readonly settings: EdgeSettings;
  readonly log: FastifyBaseLogger;
  readonly metrics: EdgeMetrics;
  readonly devices: DeviceCache;
  readonly bundles: BundleCache;
  readonly keySets: KeySetCache;
  readonly waiters: WaiterRegistry;
  readonly lastSeen: LastSeenRecorder;
  readonly listener: NotificationListener;
  readonly enrollLimiter: RateLimiter;
  readonly authLimiter: RateLimiter;
  /** Access tokens whose MAC this edge has checked (see http/device-auth.ts). */
  readonly verifiedTokens = new Map<string, VerifiedToken>();
  /** Request ids, shared with Fastify's genReqId, for requests the in-memory path answers. */
  readonly newRequestId: () => string;
  /** Set when shutdown begins: no request starts waiting any more. */
  closing = false;
  readonly #timers: NodeJS.Timeout[] = [];

  constructor({
    db,
    databaseUrl,
    distribution,
    settings,
    log,
    newRequestId,
  }: {
    db: PrismaClient;
    /** For the LISTEN connection, which must be a connection of its own. */
    databaseUrl: string;
    distribution: EdgeDistribution;
    settings: EdgeSettings;
    log: FastifyBaseLogger;
    newRequestId: () => string;
  }) {
    this.db = db;
    this.eventsPool = new pg.Pool({
      connectionString: databaseUrl,
      application_name: 'parapet-edge-events',
      max: eventsConcurrency,
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection's error (Postgres restarted) must not crash the edge; the pool drops it.
    this.eventsPool.on('error', () => undefined);
    this.newRequestId = newRequestId;
    this.distribution = distribution;
    this.settings = settings;
    this.log = log;
    this.waiters = new WaiterRegistry({
      maxWaitSeconds: settings.maxWaitSeconds,
      onTimeout: (waiter) => this.#timeOut(waiter),
    });
    this.listener = new NotificationListener({
      connectionString: databaseUrl,
      log,
      onNotification: (notification) => {
        this.metrics.notifications.add(notification.kind);
        reactToNotification(this, notification).catch((error: unknown) =>
          log.error({ err: error, notification }, 'could not apply a notification'),
        );
      },
      onReconnect: () => {
        this.metrics.listenReconnects += 1;
        refreshEverything(this).catch((error: unknown) =>
          log.error({ err: error }, 'could not refresh the caches after reconnecting'),
        );
      },
      ...(settings.listenReconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: settings.listenReconnectDelayMs }),
    });
    this.metrics = new EdgeMetrics({
      waiters: () => this.waiters.size,
      listenConnected: () => this.listener.connected,
    });
    this.devices = new DeviceCache(distribution.loadDevices);
    this.bundles = new BundleCache({
      load: distribution.ensureBundle,
      onLoaded: () => {
        this.metrics.bundleBuilds += 1;
      },
    });
    this.keySets = new KeySetCache(distribution.loadKeySets);
    this.lastSeen = new LastSeenRecorder({ write: distribution.touchLastSeen, log });
    this.enrollLimiter = new RateLimiter({ perMinute: settings.enrollPerMinute });
    this.authLimiter = new RateLimiter({ perMinute: settings.authPerMinute });
  }

  async start(): Promise<void> {
    await this.listener.start();
    // Checked several times per half-life, so a bundle is re-signed well before it expires.
    const resignEveryMs = Math.min(60_000, (this.settings.bundleTtlSeconds * 1000) / 8);
    this.#every(resignEveryMs, () => this.resignExpiring());
    this.#every(maintenanceIntervalMs, () => this.#evictIdle());
  }

  /**
   * Asks for a re-sign of every cached org with a bundle past half its lifetime. The new
   * generation comes back as a notification, which refreshes the bundles and wakes waiters.
   */
  async resignExpiring(now = Date.now()): Promise<void> {
    const due = new Set<string>();
    for (const bundle of this.bundles.entries()) {
      if (now >= (bundle.issuedAtMs + bundle.expiresAtMs) / 2) due.add(bundle.org);
    }
    for (const org of due) {
      await this.distribution
        .resignIfExpiring(org)
        .catch((error: unknown) => this.log.error({ err: error, org }, 'could not re-sign'));
    }
  }

  /** Ends every held request with 503 and a spread-out Retry-After, then stops. */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.#timers) clearInterval(timer);
    for (const waiter of this.waiters.takeEverything()) {
      // Spread over a few seconds, so a fleet does not return to the other replicas at once.
      answerWaiter(this.metrics, waiter, {
        kind: 'refused',
        code: 'UNAVAILABLE',
        message: 'This edge is shutting down.',
        retryAfterSeconds: 1 + Math.floor(Math.random() * 5),
      });
    }
    this.waiters.close();
    await this.listener.close();
    await this.lastSeen.close();
    await this.eventsPool.end();
  }

  #timeOut(waiter: Waiter): void {
    // A waiter's bundle stays cached while it waits (eviction skips keys with waiters).
    const bundle = this.bundles.get(waiter.bundleKey);
    if (bundle) answerWaiter(this.metrics, waiter, { kind: 'not-modified', bundle });
    else waiter.response.destroy();
  }

  #evictIdle(): void {
    const now = Date.now();
    for (const [token, verified] of this.verifiedTokens) {
      if (verified.expiresAtMs <= now) this.verifiedTokens.delete(token);
    }
    const before = now - idleEvictionMs;
    this.devices.evictIdle(before);
    const inUse = this.devices.bundleKeysInUse();
    for (const key of this.waiters.bundleKeys()) inUse.add(key);
    this.bundles.evictIdle(before, inUse);
    this.enrollLimiter.sweep();
    this.authLimiter.sweep();
  }

  #every(ms: number, work: () => unknown): void {
    const timer = setInterval(() => void work(), ms);
    timer.unref();
    this.#timers.push(timer);
  }
}
