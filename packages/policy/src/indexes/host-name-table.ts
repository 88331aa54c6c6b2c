/**
 * An index of host-name patterns, keyed by the name or wildcard suffix they end in. Each key
 * holds the values of patterns ending there: `exact` for the name itself, `one` for `*.key`
 * (exactly one more label) and `many` for `**.key` (one or more labels). A lookup probes the
 * request's name and then each of its suffixes (`b.example.com`, `example.com`, `com`) — one
 * probe per label, label by label like a trie, whatever the number of rules — and skips the
 * suffix probes when no wildcard pattern ends in the name's top-level label.
 */
interface HostNameSlot<T> {
  exact: T[] | null;
  one: T[] | null;
  many: T[] | null;
}

export type HostNamePlacement = 'exact' | 'one' | 'many';

function topLabel(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export class HostNameTable<T> {
  private readonly slots = new Map<string, HostNameSlot<T>>();
  private readonly wildcardTops = new Set<string>();
  size = 0;

  /** Adds a value under a normalised host name (`exact`) or wildcard suffix (`one`, `many`). */
  add(name: string, placement: HostNamePlacement, value: T): void {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = { exact: null, one: null, many: null };
      this.slots.set(name, slot);
    }
    const list = slot[placement];
    if (list === null) slot[placement] = [value];
    // A rule listing two patterns that land on the same key needs to be found only once.
    else if (list[list.length - 1] !== value) list.push(value);
    if (placement !== 'exact') this.wildcardTops.add(topLabel(name));
    this.size++;
  }

  /** Pushes onto `out` every value list whose pattern matches the normalised host `name`. */
  collect(name: string, out: (readonly T[])[]): void {
    const exact = this.slots.get(name)?.exact;
    if (exact != null) out.push(exact);
    if (this.wildcardTops.size === 0 || !this.wildcardTops.has(topLabel(name))) return;
    let dot = name.indexOf('.');
    let first = true;
    while (dot !== -1) {
      const slot = this.slots.get(name.slice(dot + 1));
      if (slot !== undefined) {
        if (first && slot.one !== null) out.push(slot.one);
        if (slot.many !== null) out.push(slot.many);
      }
      first = false;
      dot = name.indexOf('.', dot + 1);
    }
  }

  /** True when some pattern matches `name`: for sets that only need a yes or no. */
  matches(name: string): boolean {
    const out: (readonly T[])[] = [];
    this.collect(name, out);
    return out.length > 0;
  }
}
