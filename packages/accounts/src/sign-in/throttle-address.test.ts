import { describe, expect, it } from 'vitest';
import { throttleAddress } from './throttle-address';

// What one address counter stands for. An attacker who owns an IPv6 address owns the whole /64
// it sits in (that is what one subscriber or one cloud instance is handed), so counting per
// address there would give them 2^64 fresh counters.
describe('throttleAddress', () => {
  it.each([
    ['an IPv4 address, as it is', '203.0.113.9', '203.0.113.9'],
    ['an IPv4-mapped IPv6 address, as the IPv4 address', '::ffff:203.0.113.9', '203.0.113.9'],
    ['an IPv6 address, as its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    [
      'another address of that /64, the same',
      '2001:DB8:1:2:ffff:ffff:ffff:ffff',
      '2001:db8:1:2::/64',
    ],
    ['a compressed IPv6 address', '2001:db8::1', '2001:db8::/64'],
    ['a link-local address with a zone', 'fe80::1%eth0', 'fe80::/64'],
    ['the IPv6 loopback', '::1', '::/64'],
    ['something that is no address, as it is', 'not an address', 'not an address'],
  ])('keys %s', (_name, address, expected) => {
    expect(throttleAddress(address)).toBe(expected);
  });
});
