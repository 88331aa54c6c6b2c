import ipaddr from 'ipaddr.js';

/**
 * What an address counter is keyed by. IPv4 addresses count one by one. An IPv6 address counts
 * as its /64: that is the smallest block a provider hands one subscriber or one cloud instance,
 * so whoever owns one address owns 2^64 of them, and counting each would give an attacker a
 * fresh counter per guess. An IPv4 address written as IPv6 (`::ffff:192.0.2.1`, as a dual-stack
 * socket reports it) counts as the IPv4 address. Anything unparsable is kept as given.
 */
export function throttleAddress(address: string): string {
  const trimmed = address.trim();
  if (!ipaddr.isValid(trimmed)) return trimmed;
  const parsed = ipaddr.parse(trimmed);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  const [a = 0, b = 0, c = 0, d = 0] = ipv6.parts;
  return `${new ipaddr.IPv6([a, b, c, d, 0, 0, 0, 0]).toString()}/64`;
}
