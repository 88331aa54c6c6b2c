/** What the chain check needs of one event (its id, seq, prev and hash). */
export type Link = { id: string; seq: number; prev: string; hash: string };

const idLength = 36;
const hashLength = 64;
const stride = idLength + 2 * hashLength;
const prevOffset = idLength;
const hashOffset = idLength + hashLength;

/**
 * A body's chain fields (id, seq, prev, hash) by row position, in two buffers outside V8's heap.
 * They wait with the body's encoded rows for the device's lock and the COPY; as an object and
 * three strings per row they were about 270 bytes per event that outlived two young-generation
 * collections and were promoted. Ids are uuids (36 ASCII characters) and prev and hash sha256
 * hex (64), as checkEvents and prepareRows guarantee; set() checks only the lengths.
 */
export class RowLinks {
  readonly count: number;
  readonly #seqs: Float64Array;
  readonly #texts: Buffer;

  constructor(count: number) {
    this.count = count;
    this.#seqs = new Float64Array(count);
    this.#texts = Buffer.allocUnsafe(count * stride);
  }

  /** Row positions 0…count-1, each set once. */
  set(at: number, { id, seq, prev, hash }: Link): void {
    if (id.length !== idLength || prev.length !== hashLength || hash.length !== hashLength) {
      throw new TypeError('row links: an id must be 36 characters, prev and hash 64');
    }
    this.#seqs[at] = seq;
    const start = at * stride;
    this.#texts.write(id, start, idLength, 'latin1');
    this.#texts.write(prev, start + prevOffset, hashLength, 'latin1');
    this.#texts.write(hash, start + hashOffset, hashLength, 'latin1');
  }

  seq(at: number): number {
    return this.#seqs[at] as number;
  }

  id(at: number): string {
    const start = at * stride;
    return this.#texts.toString('latin1', start, start + idLength);
  }

  hash(at: number): string {
    const start = at * stride + hashOffset;
    return this.#texts.toString('latin1', start, start + hashLength);
  }

  /** Whether row `at`'s prev is row `other`'s hash. */
  prevIsHashOf(at: number, other: number): boolean {
    const texts = this.#texts;
    const prev = at * stride + prevOffset;
    const hash = other * stride + hashOffset;
    for (let i = 0; i < hashLength; i += 1) if (texts[prev + i] !== texts[hash + i]) return false;
    return true;
  }

  /** Whether row `at`'s prev is `hash`. */
  prevIs(at: number, hash: string): boolean {
    if (hash.length !== hashLength) return false;
    const texts = this.#texts;
    const prev = at * stride + prevOffset;
    for (let i = 0; i < hashLength; i += 1) {
      if (texts[prev + i] !== hash.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Whether some row's seq is at or below `seq` (a retry, or late). */
  anySeqAtOrBelow(seq: number): boolean {
    const seqs = this.#seqs;
    for (let at = 0; at < seqs.length; at += 1) if ((seqs[at] as number) <= seq) return true;
    return false;
  }

  /** Every row's id, in row order. */
  ids(): string[] {
    const ids: string[] = [];
    for (let at = 0; at < this.count; at += 1) ids.push(this.id(at));
    return ids;
  }

  /** The row positions in seq order (rows of one seq in row order). */
  seqOrder(): number[] {
    const seqs = this.#seqs;
    const order: number[] = [];
    let sorted = true;
    for (let at = 0; at < seqs.length; at += 1) {
      order.push(at);
      if (at > 0 && (seqs[at] as number) < (seqs[at - 1] as number)) sorted = false;
    }
    // An agent sends its events in seq order; only an out-of-order body pays for the sort.
    return sorted
      ? order
      : order.sort((a, b) => (seqs[a] as number) - (seqs[b] as number) || a - b);
  }
}
