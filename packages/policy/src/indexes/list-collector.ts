/**
 * Collects the value lists an index lookup finds. It is reset by setting `count` rather than
 * by truncating an array, so a lookup on the hot path neither allocates nor calls into the
 * runtime; entries past `count` are stale and never read.
 */
export class ListCollector<T> {
  readonly lists: (readonly T[])[] = [];
  count = 0;

  add(list: readonly T[]): void {
    this.lists[this.count++] = list;
  }

  reset(): void {
    this.count = 0;
  }
}
