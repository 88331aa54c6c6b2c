import { ListCollector } from './list-collector';

/**
 * A label trie over host-name patterns, stored flat: every suffix of every pattern (`com`,
 * `example.com`, `api.example.com`) has a slot keyed by a hash of its text, in an
 * open-addressing table of typed arrays. A slot holds the
 * values of patterns ending there: `exact` for the name itself, `one` for `*.key` (exactly one
 * more label) and `many` for `**.key` (one or more labels). A lookup hashes the request's name
 * from its last character leftwards and probes at each dot, so it walks down the trie label by
 * label without slicing a single string, and stops at the first suffix no pattern has.
 */
interface HostNameSlot<T> {
  readonly key: string;
  readonly hash: number;
  exact: T[] | null;
  one: T[] | null;
  many: T[] | null;
}

export type HostNamePlacement = 'exact' | 'one' | 'many';

const SEED = 0x811c9dc5;
const DOT = 46;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export class HostNameTable<T> {
  private slots: HostNameSlot<T>[] = [];
  private hashes = new Int32Array(16);
  private positions = new Int32Array(16);
  private mask = 15;
  size = 0;
  private readonly scratch = new ListCollector<T>();

  private find(hash: number, name: string, start: number): HostNameSlot<T> | undefined {
    const { hashes, positions, mask, slots } = this;
    let at = hash & mask;
    for (;;) {
      const position = positions[at] as number;
      if (position === 0) return undefined;
      if (hashes[at] === hash) {
        const slot = slots[position - 1] as HostNameSlot<T>;
        if (slot.key.length === name.length - start && name.startsWith(slot.key, start))
          return slot;
      }
      at = (at + 1) & mask;
    }
  }

  private place(slot: HostNameSlot<T>, position: number): void {
    let at = slot.hash & this.mask;
    while (this.positions[at] !== 0) at = (at + 1) & this.mask;
    this.hashes[at] = slot.hash;
    this.positions[at] = position;
  }

  private slotFor(hash: number, name: string, start: number): HostNameSlot<T> {
    const found = this.find(hash, name, start);
    if (found !== undefined) return found;
    const slot: HostNameSlot<T> = {
      key: name.slice(start),
      hash,
      exact: null,
      one: null,
      many: null,
    };
    this.slots.push(slot);
    if (this.slots.length * 2 > this.mask) {
      const capacity = (this.mask + 1) * 4;
      this.mask = capacity - 1;
      this.hashes = new Int32Array(capacity);
      this.positions = new Int32Array(capacity);
      this.slots.forEach((each, index) => {
        this.place(each, index + 1);
      });
    } else {
      this.place(slot, this.slots.length);
    }
    return slot;
  }

  /** Adds a value under a normalised host name (`exact`) or wildcard suffix (`one`, `many`). */
  add(name: string, placement: HostNamePlacement, value: T): void {
    let hash = SEED;
    let slot: HostNameSlot<T> | undefined;
    for (let index = name.length - 1; index >= -1; index--) {
      // Every suffix gets a slot, so a lookup can stop at the first one that has none.
      if (index === -1 || name.charCodeAt(index) === DOT)
        slot = this.slotFor(hash, name, index + 1);
      if (index >= 0) hash = mix(hash, name.charCodeAt(index));
    }
    if (slot === undefined) return;
    const list = slot[placement];
    if (list === null) slot[placement] = [value];
    // A rule listing two patterns that land on the same key needs to be found only once.
    else if (list[list.length - 1] !== value) list.push(value);
    this.size++;
  }

  /** Adds every value list whose pattern matches the normalised host `name`. */
  collect(name: string, out: ListCollector<T>): void {
    const firstDot = name.indexOf('.');
    let hash = SEED;
    let index = name.length - 1;
    for (;;) {
      while (index >= 0 && name.charCodeAt(index) !== DOT) {
        hash = mix(hash, name.charCodeAt(index));
        index--;
      }
      const slot = this.find(hash, name, index + 1);
      if (slot === undefined) return;
      if (index < 0) {
        if (slot.exact !== null) out.add(slot.exact);
        return;
      }
      if (slot.many !== null) out.add(slot.many);
      if (index === firstDot && slot.one !== null) out.add(slot.one);
      hash = mix(hash, DOT);
      index--;
    }
  }

  /** True when some pattern matches `name`: for sets that only need a yes or no. */
  matches(name: string): boolean {
    const out = this.scratch;
    out.reset();
    this.collect(name, out);
    return out.count > 0;
  }
}
