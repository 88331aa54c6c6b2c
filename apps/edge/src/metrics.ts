import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** A count per label value, kept as plain numbers and handed to prom-client at scrape time. */
class Tally {
  readonly counts = new Map<string, number>();

  add(label: string, amount = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + amount);
  }

  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }
}

/**
 * The edge's own figures. The hot path only bumps plain numbers in maps (no label hashing, no
 * allocation once a label has been seen); prom-client reads them when /metrics is scraped. Each
 * server has its own registry, so two edges in one process (the replica tests) count apart.
 */
export class EdgeMetrics {
  readonly registry = new Registry();
  /** Responses by route pattern then status; `unmatched` for requests no route took. */
  readonly responses = new Map<string, Map<number, number>>();
  readonly refusals = new Tally();
  readonly cacheHits = new Tally();
  readonly cacheMisses = new Tally();
  bundleBuilds = 0;
  readonly notifications = new Tally();
  listenReconnects = 0;
  /** POST /v1/events: events accepted (stored now or before), refused by reason, and retries. */
  eventsAccepted = 0;
  readonly eventsRejected = new Tally();
  eventsDuplicates = 0;
  /** Device logins started, and polls by outcome (authorization_pending, enrolled…). */
  readonly deviceLogins = new Tally();
  /**
   * The poll lane (http/poll-lane.ts): polls it answered by status, and connections it handed to
   * Node. Plain numbers, added into the request and cache-hit counters at scrape time: the lane
   * answers a poll in a few microseconds and a map update per figure was a visible part of that.
   */
  readonly laneAnswers = { 200: 0, 304: 0 };
  laneHandOffs = 0;

  constructor(readonly sources: { waiters: () => number; listenConnected: () => boolean }) {
    const registers = [this.registry];
    const responses = this.responses;
    const lane = this.laneAnswers;
    new Counter({
      name: 'parapet_edge_requests_total',
      help: 'Responses sent, by route pattern and status.',
      labelNames: ['route', 'status'],
      registers,
      collect() {
        this.reset();
        for (const [route, byStatus] of responses) {
          for (const [status, count] of byStatus) this.inc({ route, status }, count);
        }
        for (const status of [200, 304] as const) {
          if (lane[status] > 0) this.inc({ route: '/v1/bundle', status }, lane[status]);
        }
      },
    });
    tallyCounter({
      name: 'parapet_edge_refusals_total',
      help: 'Requests refused, by error code (TOKEN_EXPIRED, DEVICE_REVOKED, RATE_LIMITED…).',
      label: 'code',
      tally: this.refusals,
      registers,
    });
    tallyCounter({
      name: 'parapet_edge_cache_hits_total',
      help: 'Lookups answered from memory, by cache (device, bundle, keys).',
      label: 'cache',
      tally: this.cacheHits,
      // Each poll the lane answered found its device and its bundle in memory.
      extra: () => [
        ['device', lane[200] + lane[304]],
        ['bundle', lane[200] + lane[304]],
      ],
      registers,
    });
    tallyCounter({
      name: 'parapet_edge_cache_misses_total',
      help: 'Lookups that had to load from Postgres, by cache (device, bundle, keys).',
      label: 'cache',
      tally: this.cacheMisses,
      registers,
    });
    tallyCounter({
      name: 'parapet_edge_notifications_total',
      help: 'parapet_distribution notifications received, by kind.',
      label: 'kind',
      tally: this.notifications,
      registers,
    });
    const { sources: read } = this;
    new Gauge({
      name: 'parapet_edge_long_poll_waiters',
      help: 'Bundle requests waiting (Prefer: wait) right now.',
      registers,
      collect() {
        this.set(read.waiters());
      },
    });
    new Gauge({
      name: 'parapet_edge_listen_connected',
      help: '1 while the LISTEN connection to Postgres is up.',
      registers,
      collect() {
        this.set(read.listenConnected() ? 1 : 0);
      },
    });
    const metrics = this;
    new Counter({
      name: 'parapet_edge_poll_lane_total',
      help: 'The poll lane: polls answered before Node’s HTTP parser (answered), connections handed to Node (handed_off).',
      labelNames: ['outcome'],
      registers,
      collect() {
        this.reset();
        this.inc({ outcome: 'answered' }, lane[200] + lane[304]);
        this.inc({ outcome: 'handed_off' }, metrics.laneHandOffs);
      },
    });
    new Counter({
      name: 'parapet_edge_bundle_builds_total',
      help: 'Bundles fetched into memory through ensureBundle (signed by it, or by another replica, for this generation).',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.bundleBuilds);
      },
    });
    new Counter({
      name: 'parapet_edge_listen_reconnects_total',
      help: 'Times the LISTEN connection was re-established after a loss.',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.listenReconnects);
      },
    });
    tallyCounter({
      name: 'parapet_edge_events_rejected_total',
      help: 'Audit events refused by POST /v1/events, by reason (invalid, wrong_device, too_old…).',
      label: 'reason',
      tally: this.eventsRejected,
      registers,
    });
    new Counter({
      name: 'parapet_edge_events_accepted_total',
      help: 'Audit events POST /v1/events accepted: stored, or already stored before.',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.eventsAccepted);
      },
    });
    new Counter({
      name: 'parapet_edge_events_duplicates_total',
      help: 'Accepted audit events that were already stored (a device retrying).',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.eventsDuplicates);
      },
    });
    tallyCounter({
      name: 'parapet_edge_device_logins_total',
      help: 'Device logins (RFC 8628): started, and token polls by outcome (authorization_pending, slow_down, enrolled…).',
      label: 'outcome',
      tally: this.deviceLogins,
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'parapet_edge_' });
  }

  countResponse(route: string | undefined, status: number): void {
    const key = route ?? 'unmatched';
    let byStatus = this.responses.get(key);
    if (!byStatus) {
      byStatus = new Map();
      this.responses.set(key, byStatus);
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
}

function tallyCounter({
  name,
  help,
  label,
  tally,
  extra,
  registers,
}: {
  name: string;
  help: string;
  label: string;
  tally: Tally;
  /** Counts kept elsewhere, added to the tally's at scrape time. */
  extra?: () => [string, number][];
  registers: Registry[];
}): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers,
    collect() {
      this.reset();
      for (const [value, count] of tally.counts) this.inc({ [label]: value }, count);
      for (const [value, count] of extra?.() ?? []) {
        if (count > 0) this.inc({ [label]: value }, count);
      }
    },
  });
}
