import type { AddressBlock } from '../syntax/parse-cidr';
import type { IpAddress, Ipv6Words } from '../syntax/parse-ip-address';
import { ListCollector } from './list-collector';

/**
 * A prefix table over address blocks: one hash map per prefix length in use, so a lookup costs
 * one probe per distinct length, whatever the number of CIDRs. For IPv4, once a table holds
 * more than a few blocks, a summary indexed by the first 16 bits records which lengths of /16
 * and longer occur under each /16, so an address in a range no rule mentions costs one array
 * read. Small tables (a rule's `except`) skip the summary and its 256 KiB.
 */
class PrefixMaps<K, T> {
  readonly byLength = new Map<number, Map<K, T[]>>();
  lengths: number[] = [];

  add(length: number, key: K, value: T): void {
    let map = this.byLength.get(length);
    if (map === undefined) {
      map = new Map();
      this.byLength.set(length, map);
      this.lengths = [...this.byLength.keys()].sort((left, right) => left - right);
    }
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  }
}

const SUMMARY_THRESHOLD = 32;

function maskIpv4(value: number, length: number): number {
  return length === 0 ? 0 : (value & (-1 << (32 - length))) >>> 0;
}

function ipv6Key(words: Ipv6Words, length: number): string {
  let key = '';
  for (let index = 0; index < 4; index++) {
    const bits = length - index * 32;
    if (bits <= 0) break;
    const word = words[index] ?? 0;
    key += `${bits >= 32 ? word : maskIpv4(word, bits)}.`;
  }
  return key;
}

export class AddressTable<T> {
  private readonly ipv4 = new PrefixMaps<number, T>();
  private readonly ipv6 = new PrefixMaps<string, T>();
  /** Bit `n` of entry `a.b` is set when some block of length 16 + n lies under `a.b.0.0/16`. */
  private summary: Uint32Array | null = null;
  /** IPv4 blocks of length 16 or more, kept until there are enough to build the summary. */
  private pending: { value: number; length: number }[] = [];
  /** The IPv4 prefix lengths shorter than 16, which the summary does not cover. */
  private shortLengths: number[] = [];
  /** The IPv4 prefix lengths of 16 or more, probed one by one while there is no summary. */
  private longLengths: number[] = [];
  size = 0;
  private readonly scratch = new ListCollector<T>();

  private summarise(value: number, length: number): void {
    if (this.summary === null) {
      this.pending.push({ value, length });
      if (this.pending.length <= SUMMARY_THRESHOLD) return;
      this.summary = new Uint32Array(65536);
      for (const block of this.pending.splice(0)) this.summarise(block.value, block.length);
      return;
    }
    const index = value >>> 16;
    this.summary[index] = ((this.summary[index] ?? 0) | (1 << (length - 16))) >>> 0;
  }

  add(block: AddressBlock, value: T): void {
    this.size++;
    if (block.version === 6) {
      this.ipv6.add(block.length, ipv6Key(block.words, block.length), value);
      return;
    }
    const known = this.ipv4.lengths.length;
    this.ipv4.add(block.length, maskIpv4(block.value, block.length), value);
    if (this.ipv4.lengths.length !== known) {
      this.shortLengths = this.ipv4.lengths.filter((length) => length < 16);
      this.longLengths = this.ipv4.lengths.filter((length) => length >= 16);
    }
    if (block.length >= 16) this.summarise(block.value, block.length);
  }

  private probeIpv4(value: number, length: number, out: ListCollector<T>): void {
    const list = this.ipv4.byLength.get(length)?.get(maskIpv4(value, length));
    if (list !== undefined) out.add(list);
  }

  /** Adds the value list of every block that contains `address`. */
  collect(address: IpAddress, out: ListCollector<T>): void {
    if (address.version === 4) {
      const { value } = address;
      for (let index = 0; index < this.shortLengths.length; index++) {
        this.probeIpv4(value, this.shortLengths[index] ?? 0, out);
      }
      if (this.summary === null) {
        for (let index = 0; index < this.longLengths.length; index++) {
          this.probeIpv4(value, this.longLengths[index] ?? 0, out);
        }
        return;
      }
      let lengths = this.summary[value >>> 16] ?? 0;
      while (lengths !== 0) {
        const bit = 31 - Math.clz32(lengths & -lengths);
        this.probeIpv4(value, 16 + bit, out);
        lengths &= lengths - 1;
      }
      return;
    }
    const { lengths, byLength } = this.ipv6;
    for (let index = 0; index < lengths.length; index++) {
      const length = lengths[index] ?? 0;
      const list = byLength.get(length)?.get(ipv6Key(address.words, length));
      if (list !== undefined) out.add(list);
    }
  }

  matches(address: IpAddress): boolean {
    const out = this.scratch;
    out.reset();
    this.collect(address, out);
    return out.count > 0;
  }
}
