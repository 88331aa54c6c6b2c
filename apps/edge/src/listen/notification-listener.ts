import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { z } from 'zod';

export const distributionChannel = 'parapet_distribution';

// The payloads the migration's triggers send (docs/distribution.md, "Change notification").
export const distributionNotificationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generation'), org: z.string() }),
  z.object({ kind: z.literal('device'), org: z.string(), device: z.string() }),
  z.object({ kind: z.literal('person'), org: z.string(), person: z.string() }),
  z.object({ kind: z.literal('keys'), org: z.string() }),
]);

export type DistributionNotification = z.infer<typeof distributionNotificationSchema>;

export type NotificationListenerOptions = {
  connectionString: string;
  log: FastifyBaseLogger;
  onNotification: (notification: DistributionNotification) => void;
  /** After a lost connection is back: whatever was sent meanwhile was missed. */
  onReconnect: () => void;
  /** First delay before reconnecting; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How often the connection is proved alive with a query (a half-open TCP connection hears nothing). */
  healthCheckMs?: number;
};

/**
 * The edge's one dedicated connection that does `LISTEN parapet_distribution`. It reconnects
 * with backoff whenever the connection drops or stops answering, and reports each reconnect so
 * the edge can treat everything it caches as changed.
 */
export class NotificationListener {
  readonly #options: Required<NotificationListenerOptions>;
  #client: pg.Client | undefined;
  #connected = false;
  #closing = false;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  reconnects = 0;

  constructor(options: NotificationListenerOptions) {
    this.#options = {
      reconnectDelayMs: 250,
      maxReconnectDelayMs: 10_000,
      healthCheckMs: 15_000,
      ...options,
    };
  }

  get connected(): boolean {
    return this.#connected;
  }

  /**
   * Connects and listens. A first failure is logged and retried in the background (the edge
   * still starts, /readyz answers 503 until the connection is up) rather than thrown.
   */
  async start(): Promise<void> {
    this.#healthTimer = setInterval(() => void this.#healthCheck(), this.#options.healthCheckMs);
    this.#healthTimer.unref();
    try {
      await this.#connect();
    } catch (error) {
      this.#options.log.warn({ err: error }, 'LISTEN connection failed; retrying');
      this.#scheduleReconnect();
    }
  }

  /**
   * Whether the connection answers a query and the distribution tables exist (the console
   * migrates; an edge started first waits for it). For /readyz.
   */
  async ready(): Promise<boolean> {
    const client = this.#client;
    if (!client || !this.#connected) return false;
    try {
      const result = await client.query<{ ready: boolean }>(
        "SELECT to_regclass('public.bundles') IS NOT NULL AS ready",
      );
      return result.rows[0]?.ready === true;
    } catch {
      return false;
    }
  }

  /** Drops the connection as a network failure would (tests). */
  dropConnectionForTest(): void {
    const client = this.#client;
    if (client) this.#lost(client, new Error('dropped by a test'));
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#healthTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'parapet-edge-listen',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === distributionChannel) this.#deliver(message.payload);
    });
    // Until it listens, the client is not this.#client, so its own error events are ignored
    // here and its failure arrives as the rejection below.
    try {
      await client.connect();
      await client.query(`LISTEN ${distributionChannel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closing) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#connected = true;
    this.#attempt = 0;
  }

  #deliver(payload: string | undefined): void {
    let parsed: ReturnType<typeof distributionNotificationSchema.safeParse>;
    try {
      parsed = distributionNotificationSchema.safeParse(JSON.parse(payload ?? ''));
    } catch {
      parsed = { success: false } as typeof parsed;
    }
    if (!parsed.success) {
      this.#options.log.warn({ payload }, 'ignored a notification the edge does not understand');
      return;
    }
    this.#options.onNotification(parsed.data);
  }

  #lost(client: pg.Client, error: unknown): void {
    if (client !== this.#client || this.#closing) return;
    this.#client = undefined;
    this.#connected = false;
    this.#options.log.warn({ err: error }, 'LISTEN connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closing || this.#reconnectTimer !== undefined) return;
    const { reconnectDelayMs, maxReconnectDelayMs } = this.#options;
    const base = Math.min(reconnectDelayMs * 2 ** this.#attempt, maxReconnectDelayMs);
    // Jitter, so a fleet of edges that lost Postgres together does not return in lockstep.
    const delay = base / 2 + Math.random() * (base / 2);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      void this.#reconnect();
    }, delay);
    this.#reconnectTimer.unref();
  }

  async #reconnect(): Promise<void> {
    try {
      await this.#connect();
    } catch (error) {
      this.#options.log.warn({ err: error }, 'LISTEN reconnect failed; retrying');
      this.#scheduleReconnect();
      return;
    }
    if (this.#closing) return;
    this.reconnects += 1;
    this.#options.log.info('LISTEN connection restored; refreshing every cached organization');
    this.#options.onReconnect();
  }

  async #healthCheck(): Promise<void> {
    const client = this.#client;
    if (!client || !this.#connected) return;
    try {
      await client.query('SELECT 1');
    } catch (error) {
      this.#lost(client, error);
    }
  }
}
