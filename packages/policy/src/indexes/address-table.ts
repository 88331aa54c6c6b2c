import type { AddressBlock } from '../syntax/parse-cidr';
import type { IpAddress, Ipv6Words } from '../syntax/parse-ip-address';

/**
 * A prefix table over address blocks: one hash map per prefix length in use, so a lookup costs
 * one map probe per distinct length (a handful in practice), whatever the number of CIDRs.
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
  size = 0;

  add(block: AddressBlock, value: T): void {
    if (block.version === 4)
      this.ipv4.add(block.length, maskIpv4(block.value, block.length), value);
    else this.ipv6.add(block.length, ipv6Key(block.words, block.length), value);
    this.size++;
  }

  /** Pushes onto `out` the value list of every block that contains `address`. */
  collect(address: IpAddress, out: (readonly T[])[]): void {
    if (address.version === 4) {
      const { lengths, byLength } = this.ipv4;
      for (let index = 0; index < lengths.length; index++) {
        const length = lengths[index] ?? 0;
        const list = byLength.get(length)?.get(maskIpv4(address.value, length));
        if (list !== undefined) out.push(list);
      }
      return;
    }
    const { lengths, byLength } = this.ipv6;
    for (let index = 0; index < lengths.length; index++) {
      const length = lengths[index] ?? 0;
      const list = byLength.get(length)?.get(ipv6Key(address.words, length));
      if (list !== undefined) out.push(list);
    }
  }

  matches(address: IpAddress): boolean {
    const out: (readonly T[])[] = [];
    this.collect(address, out);
    return out.length > 0;
  }
}
