/**
 * At most `slots` pieces of work at once; the rest wait their turn in arrival order. Waiting
 * costs nothing but a queued callback, so a burst of requests is served one handful at a time
 * instead of all at once with every one of them slowed down.
 */
export class ConcurrencyLimit {
  readonly #slots: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.#slots = slots;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#slots) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running += 1;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
