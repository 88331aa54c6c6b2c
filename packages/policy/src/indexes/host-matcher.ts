import type { AddressBlock } from '../syntax/parse-cidr';
import type { HostPattern } from '../syntax/parse-host-pattern';
import type { IpAddress } from '../syntax/parse-ip-address';
import { AddressTable } from './address-table';
import { HostNameTable } from './host-name-table';

/**
 * A yes/no set of host patterns and address blocks, for a deny rule's `except` and a
 * credential's `destinations`. Names go through a label trie, addresses through a prefix table,
 * and the loopback aliases (`localhost`, `127.0.0.1`, `::1`) match any loopback request.
 */
export class HostMatcher {
  private readonly names = new HostNameTable<true>();
  private readonly addresses = new AddressTable<true>();
  private loopback = false;

  addPattern(pattern: HostPattern): void {
    switch (pattern.kind) {
      case 'exact':
        this.names.add(pattern.name, 'exact', true);
        return;
      case 'one':
      case 'many':
        this.names.add(pattern.suffix, pattern.kind, true);
        return;
      case 'loopback':
        this.loopback = true;
        return;
      case 'address':
        this.addBlock(
          pattern.address.version === 4
            ? { version: 4, value: pattern.address.value, length: 32 }
            : { version: 6, words: pattern.address.words, length: 128 },
        );
        return;
      case 'any':
        throw new Error('a bare * cannot be part of a host set');
    }
  }

  addBlock(block: AddressBlock): void {
    this.addresses.add(block, true);
  }

  get matchesLoopback(): boolean {
    return this.loopback;
  }

  matchesName(name: string): boolean {
    return this.names.size > 0 && this.names.matches(name);
  }

  matchesAddress(address: IpAddress): boolean {
    return this.addresses.size > 0 && this.addresses.matches(address);
  }
}
