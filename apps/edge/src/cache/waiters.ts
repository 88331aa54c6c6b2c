import type { ServerResponse } from 'node:http';

/** What a waiter needs of its device: where the device's other waiting requests are kept. */
export type WaitingDevice = { waiters: Set<Waiter> | undefined };

const waiterOfResponse = Symbol('parapet.edge.waiter');
type WaitingResponse = ServerResponse & { [waiterOfResponse]?: Waiter };

/**
 * One held `GET /v1/bundle`: the client already has `etag` and asked to wait. It keeps Node's
 * response only, not Fastify's request and reply: 10,000 of them are held at once.
 */
export class Waiter {
  /** Set once the waiter has left the registry (answered, timed out or gone). */
  done = false;

  constructor(
    readonly registry: WaiterRegistry,
    readonly response: ServerResponse,
    /** For an error body's `requestId`. */
    readonly requestId: string,
    /** Whether Fastify routed it (its onResponse hook counts the answer) or the in-memory path did. */
    readonly viaFastify: boolean,
    readonly device: WaitingDevice,
    readonly bundleKey: string,
    readonly etag: string,
    /** The N of `Preference-Applied: wait=N`. */
    readonly waitSeconds: number,
    /** The wheel tick at which it times out. */
    readonly deadlineTick: number,
  ) {}
}

export type WaiterRegistryOptions = {
  maxWaitSeconds: number;
  /** Called with a waiter that has already left the registry because its time ran out. */
  onTimeout: (waiter: Waiter) => void;
  /** The wheel's resolution: a waiter times out within this much after its N seconds. */
  tickMs?: number;
  now?: () => number;
};

/**
 * The held bundle requests, three ways: by bundle (who to answer when a bundle changes), by
 * device (who to refuse when a device is revoked) and by deadline. Deadlines sit in a timing
 * wheel swept by one interval timer, so 10,000 waiters cost no timer each; a waiter whose
 * client hangs up leaves all three at once (its response's `close` event).
 */
export class WaiterRegistry {
  readonly #byBundle = new Map<string, Set<Waiter>>();
  readonly #wheel: Set<Waiter>[];
  readonly #tickMs: number;
  readonly #onTimeout: (waiter: Waiter) => void;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #lastTick = 0;
  #size = 0;

  constructor({ maxWaitSeconds, onTimeout, tickMs = 100, now = Date.now }: WaiterRegistryOptions) {
    this.#tickMs = tickMs;
    this.#onTimeout = onTimeout;
    this.#now = now;
    // One slot per tick of the longest wait, and two spare: a waiter's slot is never reused
    // before its deadline passes.
    const slots = Math.ceil((maxWaitSeconds * 1000) / tickMs) + 2;
    this.#wheel = Array.from({ length: slots }, () => new Set<Waiter>());
  }

  get size(): number {
    return this.#size;
  }

  /** Holds `response` until a bundle change, a refusal, the client leaving, or `waitSeconds`. */
  add({
    response,
    requestId,
    viaFastify,
    device,
    bundleKey,
    etag,
    waitSeconds,
  }: {
    response: ServerResponse;
    requestId: string;
    viaFastify: boolean;
    device: WaitingDevice;
    bundleKey: string;
    etag: string;
    waitSeconds: number;
  }): Waiter {
    const now = this.#now();
    if (this.#timer === undefined) {
      this.#lastTick = Math.floor(now / this.#tickMs);
      this.#timer = setInterval(() => this.sweep(), this.#tickMs);
      this.#timer.unref();
    }
    const deadlineTick = Math.max(
      Math.ceil((now + waitSeconds * 1000) / this.#tickMs),
      this.#lastTick + 1,
    );
    const waiter = new Waiter(
      this,
      response,
      requestId,
      viaFastify,
      device,
      bundleKey,
      etag,
      waitSeconds,
      deadlineTick,
    );
    let forBundle = this.#byBundle.get(bundleKey);
    if (!forBundle) {
      forBundle = new Set();
      this.#byBundle.set(bundleKey, forBundle);
    }
    forBundle.add(waiter);
    device.waiters ??= new Set();
    device.waiters.add(waiter);
    this.#slot(deadlineTick).add(waiter);
    this.#size += 1;
    (response as WaitingResponse)[waiterOfResponse] = waiter;
    response.on('close', onResponseClose);
    return waiter;
  }

  /** Takes `waiter` out of the registry; false when it had already left. */
  remove(waiter: Waiter): boolean {
    if (waiter.done) return false;
    waiter.done = true;
    const forBundle = this.#byBundle.get(waiter.bundleKey);
    if (forBundle) {
      forBundle.delete(waiter);
      if (forBundle.size === 0) this.#byBundle.delete(waiter.bundleKey);
    }
    const deviceWaiters = waiter.device.waiters;
    if (deviceWaiters) {
      deviceWaiters.delete(waiter);
      if (deviceWaiters.size === 0) waiter.device.waiters = undefined;
    }
    this.#slot(waiter.deadlineTick).delete(waiter);
    this.#size -= 1;
    if (this.#size === 0) this.#stopTimer();
    return true;
  }

  /** Removes and returns every waiter on `bundleKey`, except those already holding `current`. */
  takeForBundle(bundleKey: string, current?: string): Waiter[] {
    const forBundle = this.#byBundle.get(bundleKey);
    if (!forBundle) return [];
    const stale = [...forBundle].filter((waiter) => waiter.etag !== current);
    return this.#takeAll(stale);
  }

  /** Removes and returns every waiter of `device`. */
  takeForDevice(device: WaitingDevice): Waiter[] {
    return device.waiters ? this.#takeAll([...device.waiters]) : [];
  }

  /** Removes and returns every waiter (shutdown). */
  takeEverything(): Waiter[] {
    const everyone: Waiter[] = [];
    for (const forBundle of this.#byBundle.values()) everyone.push(...forBundle);
    return this.#takeAll(everyone);
  }

  /** The bundle keys somebody is waiting on. */
  bundleKeys(): IterableIterator<string> {
    return this.#byBundle.keys();
  }

  /** Times out every waiter whose deadline tick has come; the interval timer calls it. */
  sweep(): void {
    const nowTick = Math.floor(this.#now() / this.#tickMs);
    while (this.#lastTick < nowTick && this.#size > 0) {
      this.#lastTick += 1;
      const slot = this.#slot(this.#lastTick);
      if (slot.size === 0) continue;
      for (const waiter of [...slot]) {
        if (waiter.deadlineTick <= this.#lastTick && this.remove(waiter)) {
          this.#onTimeout(waiter);
        }
      }
    }
    if (this.#lastTick < nowTick) this.#lastTick = nowTick;
  }

  close(): void {
    this.#stopTimer();
  }

  #takeAll(waiters: Waiter[]): Waiter[] {
    return waiters.filter((waiter) => this.remove(waiter));
  }

  #slot(tick: number): Set<Waiter> {
    return this.#wheel[tick % this.#wheel.length] as Set<Waiter>;
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

// One shared listener for every held response, rather than a closure per waiter: the waiter
// rides on the response object. `close` also fires after a normal answer; by then the waiter
// has left the registry and `remove` does nothing.
function onResponseClose(this: WaitingResponse): void {
  const waiter = this[waiterOfResponse];
  if (waiter) waiter.registry.remove(waiter);
}
