/** Collects JSON lines as they are printed and lets a test wait for the one it expects. */
export class EventStream<
  T extends { event: string } = { event: string } & Record<string, unknown>,
> {
  readonly events: T[] = [];
  private buffer = '';
  private wakers = new Set<() => void>();

  /** Feeds printed text; complete lines become events. */
  write = (text: string): void => {
    this.buffer += text;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim() !== '') this.push(JSON.parse(line) as T);
      newline = this.buffer.indexOf('\n');
    }
  };

  push(event: T): void {
    this.events.push(event);
    for (const wake of this.wakers) wake();
  }

  /** The first event from `from` on that matches, waiting up to `timeoutMs` for it. */
  async next(
    match: (event: T) => boolean,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.events.slice(options.from ?? 0).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no matching event; saw ${JSON.stringify(this.events)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        const wakers = this.wakers;
        function done() {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        }
        wakers.add(done);
      });
    }
  }

  /** Waits for the next event named `name` after everything seen so far. */
  nextNamed(name: string, timeoutMs?: number): Promise<T> {
    return this.next((event) => event.event === name, { from: this.events.length, timeoutMs });
  }
}
