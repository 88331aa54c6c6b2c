import type { FastifyBaseLogger } from 'fastify';

/** Records that these devices were seen at `now` (touchDevicesLastSeen). */
export type LastSeenWriter = (deviceIds: string[], now: Date) => Promise<void>;

/**
 * Which devices were seen, gathered in memory and written in one batch every `intervalMs`
 * (5 s): a poll costs a Set insert, never a database round trip. The time written is the
 * flush's, at most one interval late.
 */
export class LastSeenRecorder {
  #pending = new Set<string>();
  readonly #write: LastSeenWriter;
  readonly #log: FastifyBaseLogger;
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> | undefined;

  constructor({
    write,
    log,
    intervalMs = 5_000,
  }: {
    write: LastSeenWriter;
    log: FastifyBaseLogger;
    intervalMs?: number;
  }) {
    this.#write = write;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  seen(deviceId: string): void {
    this.#pending.add(deviceId);
  }

  /** Writes what was gathered; a failed write keeps it for the next try. */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    if (this.#pending.size === 0) return Promise.resolve();
    const batch = this.#pending;
    this.#pending = new Set();
    this.#flushing = this.#write([...batch], new Date())
      .catch((error: unknown) => {
        this.#log.warn({ err: error }, 'could not record when devices were last seen; will retry');
        for (const deviceId of batch) this.#pending.add(deviceId);
      })
      .finally(() => {
        this.#flushing = undefined;
      });
    return this.#flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#flushing;
    await this.flush();
  }
}
